import type { Metadata } from "next";
import Link from "next/link";
import { GradeBreakdown } from "@/components/grade-breakdown";
import { formatPoints } from "@/lib/domain/grading";
import styles from "@/components/teaching.module.css";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadStudentGrade } from "@/lib/server/grading/load-student-grade";
import { orNotFound } from "@/lib/server/pages";
import { parseAssignmentParams, type AssignmentRouteParams } from "../assignment-route";
import { TimeDisplay } from "@/components/time-display";

export const metadata: Metadata = { title: "My grade" };

/** A student's own breakdown: only ever the signed-in student's (the service refuses anyone else's). */
export default async function MyGradePage({ params }: { params: Promise<AssignmentRouteParams> }) {
  const { courseId, assignmentId } = parseAssignmentParams(await params);
  const actor = await requireActor(`/courses/${courseId}/assignments/${assignmentId}/my-grade`);
  const { assignment, view } = await orNotFound(loadStudentGrade({ actorId: actor.id, courseId, assignmentId, studentId: actor.id }));
  const { grade } = view;

  return (
    <>
      <header className="course-header">
        <p className="meta">
          <Link href={`/courses/${courseId}`}>{assignment.courseTitle}</Link>
        </p>
        <h1>Your grade: {assignment.title}</h1>
        <p className="meta">
          {assignment.dueAt ? (
            <>
              Due <TimeDisplay iso={assignment.dueAt} />
            </>
          ) : (
            "No due date"
          )}
          {" · "}
          <Link href={`/readings/${assignment.readingId}?course=${courseId}`}>Open the reading</Link>
        </p>
      </header>
      <section className="panel" aria-labelledby="score-heading">
        <h2 id="score-heading">Score</h2>
        <p className={styles.scoreLine} data-testid="my-score">
          {grade.override ? (
            <>
              <strong>{formatPoints(grade.finalScore)}</strong> of {grade.maxScore}, set by your instructor (computed from the rubric:{" "}
              {formatPoints(grade.computedScore)}).
            </>
          ) : (
            <>
              <strong>{formatPoints(grade.computedScore)}</strong> of {grade.maxScore}, computed from the rubric
              {grade.isPartial ? " so far" : ""}.
            </>
          )}
        </p>
        {grade.isPartial ? (
          <p data-testid="partial-note">
            Partial: your instructor has not graded {grade.ungradedCriteria} {grade.ungradedCriteria === 1 ? "criterion" : "criteria"} yet;{" "}
            {grade.ungradedCriteria === 1 ? "it counts" : "they count"} 0 until then.
          </p>
        ) : null}
        {grade.override ? <p>Your instructor&apos;s comment: “{grade.override.comment}”</p> : null}
        <p className="meta">
          Computed from the posts you wrote in the course; private notes, deleted posts and posts hidden by an instructor do not count.
          Criteria your instructor grades by hand are scored by them, reading your posts.
        </p>
      </section>
      <section className="panel" aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">Criteria</h2>
        <GradeBreakdown
          grade={grade}
          evidence={view.evidence}
          readingId={assignment.readingId}
          courseId={courseId}
          caption="Your score per criterion, with the posts behind it"
        />
      </section>
    </>
  );
}
