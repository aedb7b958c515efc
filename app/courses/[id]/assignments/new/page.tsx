import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AssignmentForm } from "@/components/assignment-form";
import { isAppError } from "@/lib/server/app-error";
import { listAssignableReadings } from "@/lib/server/assignments/list-assignable-readings";
import { requireActor } from "@/lib/server/auth/get-actor";
import { requireCourseRole } from "@/lib/server/courses/course-access";
import { getDb } from "@/lib/server/db";
import { getViewerTimeZone } from "@/lib/server/viewer-time-zone";
import { createAssignmentAction } from "../actions";

export const metadata: Metadata = { title: "New assignment" };

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const querySchema = z.object({
  reading: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
});

type NewAssignmentPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function NewAssignmentPage({ params, searchParams }: NewAssignmentPageProps) {
  const [rawParams, rawQuery] = await Promise.all([params, searchParams]);
  const parsed = paramsSchema.safeParse(rawParams);
  if (!parsed.success) notFound();
  const courseId = parsed.data.id;
  const actor = await requireActor(`/courses/${courseId}/assignments/new`);
  try {
    await requireCourseRole({ actorId: actor.id, courseId, roles: ["INSTRUCTOR"] });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return (
        <>
          <h1>New assignment</h1>
          <p className="form-error" role="alert">
            Only the course&rsquo;s instructors can assign readings. <Link href={`/courses/${courseId}`}>Back to the course</Link>
          </p>
        </>
      );
    }
    throw error;
  }
  const db = getDb();
  const [course, groups, readings, timeZone] = await Promise.all([
    db.course.findUniqueOrThrow({ where: { id: courseId }, select: { title: true } }),
    db.group.findMany({ where: { courseId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listAssignableReadings({ actorId: actor.id }),
    getViewerTimeZone(),
  ]);
  const query = querySchema.parse({ reading: typeof rawQuery.reading === "string" ? rawQuery.reading : undefined });
  const preselected = readings.find((reading) => reading.id === query.reading);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/courses/${courseId}`}>{course.title}</Link>
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
            groupIds: [],
          }}
        />
      )}
    </>
  );
}
