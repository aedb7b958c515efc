import type { Metadata } from "next";
import { AssignmentHeader } from "@/components/assignment-header";
import { AssignmentStaffNav } from "@/components/assignment-staff-nav";
import { RubricForm } from "@/components/rubric-form";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadRubric } from "@/lib/server/grading/load-rubric";
import { orNotFound } from "@/lib/server/pages";
import { parseAssignmentParams, type AssignmentRouteParams } from "../assignment-route";
import { saveRubricAction } from "./actions";

export const metadata: Metadata = { title: "Rubric" };

export default async function RubricPage({ params }: { params: Promise<AssignmentRouteParams> }) {
  const { courseId, assignmentId } = parseAssignmentParams(await params);
  const actor = await requireActor(`/courses/${courseId}/assignments/${assignmentId}/rubric`);
  const { assignment, criteria } = await orNotFound(loadRubric({ actorId: actor.id, courseId, assignmentId }));
  return (
    <>
      <AssignmentHeader
        courseId={courseId}
        courseTitle={assignment.courseTitle}
        heading={`Rubric: ${assignment.title}`}
        readingTitle={assignment.readingTitle}
        dueAt={assignment.dueAt}
      />
      <AssignmentStaffNav courseId={courseId} assignmentId={assignmentId} current="rubric" />
      <section className="panel" aria-labelledby="rubric-heading">
        <h2 id="rubric-heading">Criteria</h2>
        <p>
          Tick the criteria this assignment is graded on and give each its points. Scores are computed from the students&apos; posts
          whenever grades are read, so a change here applies at once; scores you overrode stay as you set them.
        </p>
        {criteria.length === 0 ? <p className="empty-state">No criteria yet: every computed score is 0 until you save some.</p> : null}
        <RubricForm
          action={saveRubricAction}
          courseId={courseId}
          assignmentId={assignmentId}
          criteria={criteria}
          assignmentMinPosts={assignment.minPosts}
        />
      </section>
    </>
  );
}
