import "../fit-table.css";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { AssignmentStaffHeader } from "@/components/assignment-staff-nav";
import { Field } from "@/components/field";
import { GradeBreakdown } from "@/components/grade-breakdown";
import { ManualScoresForm } from "@/components/manual-scores-form";
import styles from "@/components/teaching.module.css";
import { describePostCount, postProgress } from "@/lib/domain/assignment-progress";
import { ARCHIVED_COURSE_MESSAGE } from "@/lib/domain/course-permissions";
import { criterionKey, describeTotal, formatPoints } from "@/lib/domain/grading";
import { describeCriterion } from "@/lib/domain/rubric";
import { requireActor } from "@/lib/server/auth/get-actor";
import type { StudentGradeView } from "@/lib/server/grading/compute-grades";
import { MAX_OVERRIDE_SCORE } from "@/lib/server/grading/grade-input";
import { loadAssignmentGrades, type AssignmentGrades } from "@/lib/server/grading/load-assignment-grades";
import { orNotFound } from "@/lib/server/pages";
import { parseAssignmentParams, type AssignmentRouteParams } from "../assignment-route";
import { clearGradeOverrideAction, saveManualScoresAction, setGradeOverrideAction } from "./actions";
import { TimeDisplay } from "@/components/time-display";

export const metadata: Metadata = { title: "Grades" };

type GradesPageProps = {
  params: Promise<AssignmentRouteParams>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function GradesPage({ params, searchParams }: GradesPageProps) {
  const [routeParams, query] = await Promise.all([params, searchParams]);
  const { courseId, assignmentId } = parseAssignmentParams(routeParams);
  const actor = await requireActor(`/courses/${courseId}/assignments/${assignmentId}/grades`);
  const grades = await orNotFound(loadAssignmentGrades({ actorId: actor.id, courseId, assignmentId }));
  const { assignment, criteria, students } = grades;
  const selected = typeof query.student === "string" ? students.find((view) => view.student.id === query.student) : undefined;
  const maxScore = criteria.reduce((sum, criterion) => sum + criterion.points, 0);
  const hasCustomCriteria = criteria.some((criterion) => criterion.kind === "CUSTOM");

  return (
    <>
      <AssignmentStaffHeader courseId={courseId} assignmentId={assignmentId} current="grades" assignment={assignment} />
      {assignment.isCourseArchived ? (
        <p className="form-error" role="note">
          {ARCHIVED_COURSE_MESSAGE}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="grades-heading">
        <h2 id="grades-heading">
          Scores ({students.length} {students.length === 1 ? "student" : "students"})
        </h2>
        {criteria.length === 0 ? (
          <p className="empty-state">
            This assignment has no rubric yet, so every computed score is 0.{" "}
            <Link href={`/courses/${courseId}/assignments/${assignmentId}/rubric`}>Set the rubric</Link>.
          </p>
        ) : (
          <p>
            Scores are computed from the rubric each time you open this page; an override replaces a student&apos;s score until you clear
            it.
            {hasCustomCriteria
              ? " Criteria you grade by hand count 0 until you grade them: until then the student's total is marked partial (open “Details” to grade)."
              : null}
          </p>
        )}
        {students.length === 0 ? (
          <p className="empty-state">No students are assigned this reading yet.</p>
        ) : (
          <>
            <p>
              <a className="button button-secondary" href={`/api/courses/${courseId}/assignments/${assignmentId}/grades.csv`} download>
                Download grades (CSV)
              </a>
            </p>
            <ScoreTable grades={grades} maxScore={maxScore} selectedId={selected?.student.id} />
          </>
        )}
      </section>

      {selected ? (
        <StudentDetail grades={grades} view={selected} maxScore={maxScore} />
      ) : students.length > 0 ? (
        <p className="meta">Choose “Details” beside a student to see the posts behind each criterion and to override the score.</p>
      ) : null}
    </>
  );
}

function ScoreTable({ grades, maxScore, selectedId }: { grades: AssignmentGrades; maxScore: number; selectedId: string | undefined }) {
  const { criteria, students, assignment } = grades;
  return (
    <div className="fit-table-wrap">
      <table className="table fit-table" data-testid="grades-table">
        <caption className="visually-hidden">Score per student and criterion</caption>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Posts</th>
            {criteria.map((criterion) => (
              <th key={criterionKey(criterion)} scope="col" className={styles.numeric}>
                {describeCriterion(criterion)} <span className="meta">(max {criterion.points})</span>
              </th>
            ))}
            <th scope="col" className={styles.numeric}>
              Computed
            </th>
            <th scope="col" className={styles.numeric}>
              Override
            </th>
            <th scope="col" className={styles.numeric}>
              Final
            </th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {students.map(({ student, grade }) => (
            <tr key={student.id} data-student={student.email} aria-current={student.id === selectedId ? "true" : undefined}>
              <th scope="row">
                {student.name}
                <br />
                <span className="meta">
                  {student.email}
                  {student.groupName ? ` · ${student.groupName}` : ""}
                </span>
              </th>
              <td data-column="posts" data-label="Posts">
                {describePostCount(postProgress(grade, assignment.minPosts))}
              </td>
              {grade.results.map((result) => (
                <td
                  key={criterionKey(result.criterion)}
                  className={styles.numeric}
                  data-criterion={criterionKey(result.criterion)}
                  data-label={`${describeCriterion(result.criterion)} (max ${result.criterion.points})`}
                >
                  {result.isGraded ? (
                    formatPoints(result.pointsEarned)
                  ) : (
                    <span className={styles.notGraded}>
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">not graded yet</span>
                    </span>
                  )}
                </td>
              ))}
              <td className={styles.numeric} data-column="computed" data-label="Computed">
                {formatPoints(grade.computedScore)} of {maxScore}
                {grade.ungradedCriteria > 0 ? (
                  <span className={styles.partial}>partial: {grade.ungradedCriteria} not graded yet</span>
                ) : null}
              </td>
              <td className={styles.numeric} data-column="override" data-label="Override">
                {grade.override ? formatPoints(grade.override.score) : <span className="meta">—</span>}
              </td>
              <td className={styles.numeric} data-column="final" data-label="Final">
                {formatPoints(grade.finalScore)}
              </td>
              <td data-label="Details">
                <Link
                  href={`/courses/${assignment.courseId}/assignments/${assignment.id}/grades?student=${student.id}#grade-detail`}
                  aria-label={`Details for ${student.name}`}
                >
                  Details
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StudentDetail({ grades, view, maxScore }: { grades: AssignmentGrades; view: StudentGradeView; maxScore: number }) {
  const { assignment } = grades;
  const { student, grade, overrideDetails } = view;
  const isReadOnly = assignment.isCourseArchived;
  const customResults = grade.results.flatMap((result) =>
    result.criterion.kind === "CUSTOM"
      ? [
          {
            id: result.criterion.id,
            name: result.criterion.name,
            points: result.criterion.points,
            score: result.manual?.score ?? null,
            comment: result.manual?.comment ?? null,
          },
        ]
      : [],
  );
  const hidden = (
    <>
      <input type="hidden" name="courseId" value={assignment.courseId} />
      <input type="hidden" name="assignmentId" value={assignment.id} />
      <input type="hidden" name="studentId" value={student.id} />
    </>
  );
  return (
    <section className="panel" aria-labelledby="grade-detail" data-testid="grade-detail">
      <h2 id="grade-detail" tabIndex={-1}>
        {student.name}
      </h2>
      <p className={styles.scoreLine} data-testid="detail-score">
        Computed score: <strong>{describeTotal({ ...grade, maxScore })}</strong>
        {grade.override ? (
          <>
            {" · "}final score: <strong>{formatPoints(grade.finalScore)}</strong> (overridden)
          </>
        ) : null}
      </p>
      <GradeBreakdown
        grade={grade}
        evidence={view.evidence}
        readingId={assignment.readingId}
        courseId={assignment.courseId}
        caption={`${student.name}: criteria and evidence`}
        manualDetails={view.manualDetails}
      />

      {customResults.length > 0 && !isReadOnly ? (
        <>
          <h3>Grade by hand</h3>
          <p className="meta">
            Read {student.name}&apos;s posts in the table above, then give a score on each of your own criteria. Leave a score empty while
            it is not graded.
          </p>
          <ManualScoresForm action={saveManualScoresAction} studentName={student.name} criteria={customResults}>
            {hidden}
          </ManualScoresForm>
        </>
      ) : null}

      <h3>Override the score</h3>
      {overrideDetails ? (
        <p>
          Overridden to <strong>{formatPoints(overrideDetails.score)}</strong>
          {overrideDetails.gradedByName ? ` by ${overrideDetails.gradedByName}` : ""} on <TimeDisplay iso={overrideDetails.updatedAt} />: “
          {overrideDetails.comment}”
        </p>
      ) : (
        <p className="meta">No override: the computed score is the final score.</p>
      )}
      {isReadOnly ? null : (
        <>
          <ActionForm
            action={setGradeOverrideAction}
            submitLabel={overrideDetails ? "Change override" : "Override score"}
            className={`form ${styles.overrideForm}`}
          >
            {hidden}
            <Field
              label="Score"
              name="score"
              id="override-score"
              inputMode="decimal"
              aria-required="true"
              defaultValue={overrideDetails ? String(overrideDetails.score) : ""}
              hint={`A number from 0 to ${MAX_OVERRIDE_SCORE}, up to two decimals.`}
            />
            <div className="field">
              <label htmlFor="override-comment">Comment (the student sees it)</label>
              <textarea
                id="override-comment"
                name="comment"
                aria-required="true"
                maxLength={2000}
                defaultValue={overrideDetails?.comment ?? ""}
              />
            </div>
          </ActionForm>
          {overrideDetails ? (
            <ActionForm
              action={clearGradeOverrideAction}
              submitLabel="Clear override"
              submitClassName="button button-danger"
              confirmMessage={`Clear the override for ${student.name}? The computed score will stand.`}
            >
              {hidden}
            </ActionForm>
          ) : null}
        </>
      )}
    </section>
  );
}
