import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AssignmentForm } from "@/components/assignment-form";
import { isAppError } from "@/lib/server/app-error";
import { idSchema } from "@/lib/domain/ids";
import { rangeFormValues } from "@/lib/domain/assigned-range";
import { loadNewAssignmentForm, type NewAssignmentForm } from "@/lib/server/assignments/load-new-assignment-form";
import { loadRangeOptions } from "@/lib/server/assignments/load-range-options";
import { requireActor } from "@/lib/server/auth/get-actor";
import { orNotFound, parsePageParams } from "@/lib/server/pages";
import { getViewerTimeZone } from "@/lib/server/viewer-time-zone";
import { createAssignmentAction } from "../actions";

export const metadata: Metadata = { title: "New assignment" };

const paramsSchema = z.object({ id: idSchema() });
const querySchema = z.object({ reading: idSchema().optional().catch(undefined) });

type NewAssignmentPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function NewAssignmentPage({ params, searchParams }: NewAssignmentPageProps) {
  const [rawParams, rawQuery] = await Promise.all([params, searchParams]);
  const { id: courseId } = parsePageParams(paramsSchema, rawParams);
  const actor = await requireActor(`/courses/${courseId}/assignments/new`);
  let form: NewAssignmentForm;
  try {
    form = await orNotFound(loadNewAssignmentForm({ actorId: actor.id, courseId }));
  } catch (error) {
    if (!isAppError(error) || error.code !== "FORBIDDEN") throw error;
    return (
      <>
        <h1>New assignment</h1>
        <p className="form-error" role="alert">
          Only the course&rsquo;s instructors can assign readings. <Link href={`/courses/${courseId}`}>Back to the course</Link>
        </p>
      </>
    );
  }
  const { courseTitle, groups, readings } = form;
  const timeZone = await getViewerTimeZone();
  const query = querySchema.parse({ reading: typeof rawQuery.reading === "string" ? rawQuery.reading : undefined });
  const preselected = readings.find((reading) => reading.id === query.reading);
  const rangeOptions = preselected ? await loadRangeOptions({ actorId: actor.id, courseId, readingId: preselected.id }) : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/courses/${courseId}`}>{courseTitle}</Link>
      </nav>
      <h1>New assignment</h1>
      {readings.length === 0 ? (
        <p className="empty-state">There is no reading you can assign yet.</p>
      ) : (
        <AssignmentForm
          action={createAssignmentAction}
          hidden={{ courseId }}
          readings={readings}
          groups={groups}
          courseId={courseId}
          rangeOptions={rangeOptions}
          timeZone={timeZone}
          submitLabel="Assign"
          values={{
            readingId: preselected?.id ?? "",
            title: preselected?.title ?? "",
            instructionsDoc: null,
            instructionsText: "",
            opensAt: "",
            dueAt: "",
            minPosts: 0,
            postFirst: false,
            acceptsLatePosts: true,
            groupIds: [],
            ...rangeFormValues(null),
          }}
        />
      )}
    </>
  );
}
