import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { AssignmentForm } from "@/components/assignment-form";
import { LocalTime } from "@/components/local-time";
import { AssignmentStaffNav } from "@/components/assignment-staff-nav";
import { AssignmentStatusBadge } from "@/components/assignment-status-badge";
import { commentaryToPlainText, parseCommentary } from "@/lib/domain/commentary";
import { toLocalDateTimeInput } from "@/lib/domain/zoned-time";
import { isAppError } from "@/lib/server/app-error";
import { findAssignmentForMember, type AssignmentDetail } from "@/lib/server/assignments/find-assignment-for-member";
import { requireActor } from "@/lib/server/auth/get-actor";
import { getViewerTimeZone } from "@/lib/server/viewer-time-zone";
import { deleteAssignmentAction, updateAssignmentAction } from "../actions";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), assignmentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

type AssignmentPageProps = {
  params: Promise<{ id: string; assignmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The assignment as the actor may see it, or null (→ 404) when it is not theirs to see. */
const loadAssignment = cache(async (rawId: string, rawAssignmentId: string): Promise<AssignmentDetail | null> => {
  const parsed = paramsSchema.safeParse({ id: rawId, assignmentId: rawAssignmentId });
  if (!parsed.success) return null;
  const actor = await requireActor(`/courses/${parsed.data.id}/assignments/${parsed.data.assignmentId}`);
  try {
    return await findAssignmentForMember({ actorId: actor.id, courseId: parsed.data.id, assignmentId: parsed.data.assignmentId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  }
});

export async function generateMetadata({ params }: AssignmentPageProps): Promise<Metadata> {
  const { id, assignmentId } = await params;
  const assignment = await loadAssignment(id, assignmentId);
  return { title: assignment ? assignment.title : "Assignment not found" };
}

export default async function AssignmentPage({ params, searchParams }: AssignmentPageProps) {
  const [{ id, assignmentId }, query] = await Promise.all([params, searchParams]);
  const [assignment, timeZone] = await Promise.all([loadAssignment(id, assignmentId), getViewerTimeZone()]);
  if (!assignment) notFound();
  const isStaff = assignment.myRole !== "STUDENT";
  const isInstructor = assignment.myRole === "INSTRUCTOR";
  const readingHref = `/readings/${assignment.reading.id}?course=${assignment.course.id}`;
  const base = `/courses/${assignment.course.id}/assignments/${assignment.id}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/courses/${assignment.course.id}`}>{assignment.course.title}</Link>
      </nav>
      <header className="course-header">
        <h1>{assignment.title}</h1>
        <p className="meta">
          Reading: <Link href={readingHref}>{assignment.reading.title}</Link>
        </p>
      </header>
      {query.created === "1" ? (
        <p className="form-status" role="status">
          Assigned. Students see it on their dashboard.
        </p>
      ) : null}

      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <dl className="details">
          <dt>Opens</dt>
          <dd>{assignment.opensAt ? <LocalTime iso={assignment.opensAt.toISOString()} /> : "Now"}</dd>
          <dt>Due</dt>
          <dd>{assignment.dueAt ? <LocalTime iso={assignment.dueAt.toISOString()} /> : "No due date"}</dd>
          <dt>Minimum posts</dt>
          <dd>{assignment.minPosts === 0 ? "None (one post completes it)" : assignment.minPosts}</dd>
          <dt>Post first</dt>
          <dd>{assignment.postFirst ? "On: a paragraph’s discussion opens to a student once they have posted on it" : "Off"}</dd>
          {isStaff ? (
            <>
              <dt>For</dt>
              <dd>{assignment.groups.length === 0 ? "The whole class" : assignment.groups.map((group) => group.name).join(", ")}</dd>
            </>
          ) : null}
        </dl>
        {assignment.instructionsHtml ? (
          <>
            <h3>Instructions</h3>
            {/* Allowlisted HTML generated on the server from validated tiptap JSON (render-commentary.ts). */}
            <div className="instructions commentary" dangerouslySetInnerHTML={{ __html: assignment.instructionsHtml }} />
          </>
        ) : (
          <p className="empty-state">No instructions.</p>
        )}
        {assignment.progress && !assignment.progress.isOpen ? (
          <p className="empty-state">The reading opens {assignment.progress.timeNote?.replace(/^Opens /, "")}.</p>
        ) : (
          <p>
            <Link className="button" href={readingHref}>
              Open the reading
            </Link>
          </p>
        )}
      </section>

      {assignment.progress ? (
        <section className="panel" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Your progress</h2>
          <p>
            <AssignmentStatusBadge status={assignment.progress.status} />{" "}
            {assignment.progress.timeNote ? <span className="meta">{assignment.progress.timeNote}</span> : null}
          </p>
          <p>
            <label htmlFor="my-progress">
              {assignment.progress.counted} of {assignment.progress.required} {assignment.progress.required === 1 ? "post" : "posts"}
            </label>{" "}
            <progress
              id="my-progress"
              className="assignment-progress"
              value={assignment.progress.counted}
              max={assignment.progress.required}
            />
          </p>
          <p>
            <Link href={`${base}/my-grade`}>Your grade breakdown</Link>
          </p>
        </section>
      ) : null}

      {isStaff ? (
        <section className="panel" aria-labelledby="follow-heading">
          <h2 id="follow-heading">Follow the class</h2>
          <AssignmentStaffNav courseId={assignment.course.id} assignmentId={assignment.id} />
        </section>
      ) : null}

      {isInstructor && assignment.courseGroups ? (
        <>
          <section className="panel" aria-labelledby="edit-heading">
            <h2 id="edit-heading">Edit</h2>
            <AssignmentForm
              action={updateAssignmentAction}
              hidden={{ courseId: assignment.course.id, assignmentId: assignment.id }}
              readings={null}
              groups={assignment.courseGroups}
              timeZone={timeZone}
              submitLabel="Save changes"
              values={{
                readingId: assignment.reading.id,
                title: assignment.title,
                instructionsDoc: assignment.instructions as AssignmentFormDoc,
                instructionsText: plainInstructions(assignment.instructions),
                opensAt: assignment.opensAt ? toLocalDateTimeInput(assignment.opensAt, timeZone) : "",
                dueAt: assignment.dueAt ? toLocalDateTimeInput(assignment.dueAt, timeZone) : "",
                minPosts: assignment.minPosts,
                postFirst: assignment.postFirst,
                groupIds: assignment.groups.map((group) => group.id),
              }}
            />
          </section>
          <section className="panel" aria-labelledby="unassign-heading">
            <h2 id="unassign-heading">Unassign</h2>
            <p>The assignment, its rubric and grade overrides are removed. Every post stays in the course.</p>
            <ActionForm
              action={deleteAssignmentAction}
              submitLabel="Unassign"
              submitClassName="button button-danger"
              confirmMessage={`Unassign “${assignment.title}”? Its rubric and grade overrides are removed; posts stay.`}
            >
              <input type="hidden" name="courseId" value={assignment.course.id} />
              <input type="hidden" name="assignmentId" value={assignment.id} />
            </ActionForm>
          </section>
        </>
      ) : null}
    </>
  );
}

type AssignmentFormDoc = Parameters<typeof AssignmentForm>[0]["values"]["instructionsDoc"];

function plainInstructions(doc: unknown): string {
  if (doc === null) return "";
  const parsed = parseCommentary(doc);
  return parsed.ok ? commentaryToPlainText(parsed.doc) : "";
}
