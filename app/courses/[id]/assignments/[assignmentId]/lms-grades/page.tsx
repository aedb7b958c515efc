import "../fit-table.css";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { AssignmentStaffHeader } from "@/components/assignment-staff-nav";
import styles from "@/components/teaching.module.css";
import { TimeDisplay } from "@/components/time-display";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadLmsGradeStatus, type LmsGradeRow } from "@/lib/server/lti/load-lms-grade-status";
import { orNotFound } from "@/lib/server/pages";
import { parseAssignmentParams, type AssignmentRouteParams } from "../assignment-route";
import { sendGradesToLmsAction } from "./actions";

export const metadata: Metadata = { title: "LMS gradebook" };

const formatScore = (score: number) => (Number.isInteger(score) ? String(score) : score.toFixed(2).replace(/0$/, ""));

/** Grade passback (LTI AGS) for an assignment: where each student's grade stands in the LMS. */
export default async function LmsGradesPage({ params }: { params: Promise<AssignmentRouteParams> }) {
  const { courseId, assignmentId } = parseAssignmentParams(await params);
  const actor = await requireActor(`/courses/${courseId}/assignments/${assignmentId}/lms-grades`);
  const status = await orNotFound(loadLmsGradeStatus({ actorId: actor.id, courseId, assignmentId }));
  const { assignment, rows, lmsName } = status;
  return (
    <>
      <AssignmentStaffHeader courseId={courseId} assignmentId={assignmentId} current="lms-grades" assignment={assignment} />
      <section className="panel" aria-labelledby="lms-grades-heading">
        <h2 id="lms-grades-heading">Grades in {lmsName ?? "the LMS"}</h2>
        {lmsName === null ? (
          <p className="empty-state">
            This course is not linked to an LMS gradebook. Open Scholia from a link in your LMS course (as its instructor) and the LMS tells
            Scholia where its gradebook is.
          </p>
        ) : (
          <>
            <p>
              Each student&apos;s final grade (the rubric&apos;s score, or your override) goes to a column named after this assignment in{" "}
              {lmsName}. Changed grades are sent by themselves within a few minutes; a grade the LMS does not accept is tried again, and its
              reason is shown here.
            </p>
            <p>
              <Link href={`/courses/${courseId}/lms-roster`}>Roster from the LMS</Link>
            </p>
            <ActionForm action={sendGradesToLmsAction} submitLabel="Send grades to the LMS" pendingLabel="Sending…">
              <input type="hidden" name="courseId" value={courseId} />
              <input type="hidden" name="assignmentId" value={assignmentId} />
            </ActionForm>
          </>
        )}
        {rows.length === 0 ? (
          <p className="empty-state">No students are assigned this reading yet.</p>
        ) : (
          <div className="fit-table-wrap">
            <table className="table fit-table" data-testid="lms-grades-table">
              <caption className="visually-hidden">Where each student&apos;s grade stands in the LMS</caption>
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  <th scope="col" className={styles.numeric}>
                    Grade
                  </th>
                  <th scope="col">In the LMS</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.studentId} data-student-id={row.studentId}>
                    <th scope="row">{row.name}</th>
                    <td className={styles.numeric} data-label="Grade">
                      {row.scoreGiven === null ? "—" : `${formatScore(row.scoreGiven)} of ${formatScore(row.scoreMaximum ?? 0)}`}
                    </td>
                    <td data-label="In the LMS">
                      <DeliveryState row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function DeliveryState({ row }: { row: LmsGradeRow }) {
  switch (row.state) {
    case "sent":
      return <>Sent {row.sentAt ? <TimeDisplay iso={row.sentAt} /> : null}</>;
    case "pending":
      return (
        <>
          Pending{row.lastError ? ` (attempt ${row.attempts} failed: ${row.lastError})` : ""}
          {row.nextAttemptAt && row.lastError ? (
            <>
              ; next try <TimeDisplay iso={row.nextAttemptAt} />
            </>
          ) : null}
        </>
      );
    case "failed":
      return <>Failed: {row.lastError ?? "the LMS refused it"}</>;
    case "not-queued":
      return <>Not sent yet</>;
    case "not-in-lms":
      return <>Not in the LMS course (never opened Scholia from it)</>;
  }
}
