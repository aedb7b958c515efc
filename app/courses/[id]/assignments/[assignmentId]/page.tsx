import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ActionForm } from "@/components/action-form";
import { AssignmentForm } from "@/components/assignment-form";
import { AssignmentStaffNav } from "@/components/assignment-staff-nav";
import { AssignmentStatusBadge } from "@/components/assignment-status-badge";
import { describePostCount } from "@/lib/domain/assignment-progress";
import { commentaryToPlainText, parseCommentary } from "@/lib/domain/commentary";
import { toLocalDateTimeInput } from "@/lib/domain/zoned-time";
import { rangeFormValues } from "@/lib/domain/assigned-range";
import { loadRangeOptions } from "@/lib/server/assignments/load-range-options";
import { loadAssignmentForMember, type AssignmentDetail } from "@/lib/server/assignments/load-assignment-for-member";
import { requireActor } from "@/lib/server/auth/get-actor";
import { orNotFound } from "@/lib/server/pages";
import { getViewerTimeZone } from "@/lib/server/viewer-time-zone";
import { parseAssignmentParams } from "./assignment-route";
import { deleteAssignmentAction, updateAssignmentAction } from "../actions";
import { TimeDisplay } from "@/components/time-display";

type AssignmentPageProps = {
  params: Promise<{ id: string; assignmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The assignment as the actor may see it; the 404 page when it is not theirs to see. */
const loadAssignment = cache(async (rawId: string, rawAssignmentId: string): Promise<AssignmentDetail> => {
  const { courseId, assignmentId } = parseAssignmentParams({ id: rawId, assignmentId: rawAssignmentId });
  const actor = await requireActor(`/courses/${courseId}/assignments/${assignmentId}`);
  return orNotFound(loadAssignmentForMember({ actorId: actor.id, courseId, assignmentId }));
});

export async function generateMetadata({ params }: AssignmentPageProps): Promise<Metadata> {
  const { id, assignmentId } = await params;
  const assignment = await loadAssignment(id, assignmentId);
  return { title: assignment.title };
}

export default async function AssignmentPage({ params, searchParams }: AssignmentPageProps) {
  const [{ id, assignmentId }, query] = await Promise.all([params, searchParams]);
  const [assignment, timeZone] = await Promise.all([loadAssignment(id, assignmentId), getViewerTimeZone()]);
  const { canAssess, canManageAssignments } = assignment.can;
  const actor = await requireActor(`/courses/${assignment.course.id}/assignments/${assignment.id}`);
  const rangeOptions =
    canManageAssignments && assignment.courseGroups
      ? await loadRangeOptions({ actorId: actor.id, courseId: assignment.course.id, readingId: assignment.reading.id })
      : null;
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
          <dd>{assignment.opensAt ? <TimeDisplay iso={assignment.opensAt} /> : "Now"}</dd>
          <dt>Due</dt>
          <dd>{assignment.dueAt ? <TimeDisplay iso={assignment.dueAt} /> : "No due date"}</dd>
          <dt>Minimum posts</dt>
          <dd>{assignment.minPosts === 0 ? "None (one post completes it)" : assignment.minPosts}</dd>
          <dt>Post first</dt>
          <dd>{assignment.postFirst ? "On: a paragraph’s discussion opens to a student once they have posted on it" : "Off"}</dd>
          <dt>Part of the reading</dt>
          <dd data-testid="assigned-part">{assignment.assignedPart ? assignment.assignedPart.label : "The whole reading"}</dd>
          <dt>Late posts</dt>
          <dd>{assignment.acceptsLatePosts ? "Accepted after the due date, and marked late" : "Not accepted after the due date"}</dd>
          {canAssess ? (
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
            <label htmlFor="my-progress">{describePostCount(assignment.progress)}</label>{" "}
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

      {canAssess ? (
        <section className="panel" aria-labelledby="follow-heading">
          <h2 id="follow-heading">Follow the class</h2>
          <AssignmentStaffNav courseId={assignment.course.id} assignmentId={assignment.id} />
        </section>
      ) : null}

      {canManageAssignments && assignment.courseGroups ? (
        <>
          <section className="panel" aria-labelledby="edit-heading">
            <h2 id="edit-heading">Edit</h2>
            <AssignmentForm
              action={updateAssignmentAction}
              hidden={{ courseId: assignment.course.id, assignmentId: assignment.id }}
              readings={null}
              groups={assignment.courseGroups}
              courseId={assignment.course.id}
              rangeOptions={rangeOptions}
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
                acceptsLatePosts: assignment.acceptsLatePosts,
                groupIds: assignment.groups.map((group) => group.id),
                ...rangeFormValues(
                  assignment.assignedPart,
                  assignment.firstPage !== null && assignment.lastPage !== null
                    ? { first: assignment.firstPage, last: assignment.lastPage }
                    : null,
                  rangeOptions?.sections,
                ),
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
