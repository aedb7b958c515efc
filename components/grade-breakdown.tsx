import Link from "next/link";
import { criterionKey, formatPoints, type CriterionResult, type StudentGrade } from "@/lib/domain/grading";
import { describeCriterion } from "@/lib/domain/rubric";
import type { GradeEvidence, ManualScoreDetails } from "@/lib/server/grading/compute-grades";
import { KIND_LABEL } from "@/lib/domain/annotation-labels";
import styles from "./teaching.module.css";
import { TimeDisplay } from "./time-display";

const MAX_EVIDENCE_SHOWN = 20;

/**
 * One student's grade, criterion by criterion, with the posts that satisfied each as links to
 * where they sit in the reading; for a criterion graded by hand, its score and comment and every
 * post of the student's that counts, to read. Shared by the grades page (staff) and the student's own page.
 */
export function GradeBreakdown({
  grade,
  evidence,
  readingId,
  courseId,
  caption,
  manualDetails,
}: {
  grade: StudentGrade;
  evidence: Record<string, GradeEvidence>;
  readingId: string;
  courseId: string;
  caption: string;
  /** Staff pages: who graded each custom criterion and when. */
  manualDetails?: Record<string, ManualScoreDetails>;
}) {
  if (grade.results.length === 0) return <p className="empty-state">This assignment has no rubric yet, so there is nothing to score.</p>;
  return (
    <div className="table-scroll">
      <table className={`table ${styles.criteria}`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Result</th>
            <th scope="col" className={styles.numeric}>
              Points
            </th>
            <th scope="col">Posts behind it</th>
          </tr>
        </thead>
        <tbody>
          {grade.results.map((result) => {
            const shown = result.evidence.slice(0, MAX_EVIDENCE_SHOWN);
            return (
              <tr key={criterionKey(result.criterion)} data-criterion={criterionKey(result.criterion)}>
                <th scope="row">
                  {describeCriterion(result.criterion)}
                  {result.criterion.kind === "CUSTOM" && result.criterion.description ? (
                    <span className={`meta ${styles.criterionDescription}`}>
                      <br />
                      {result.criterion.description}
                    </span>
                  ) : null}
                </th>
                <td>
                  <ResultStatus
                    result={result}
                    details={result.criterion.kind === "CUSTOM" ? manualDetails?.[result.criterion.id] : undefined}
                  />
                </td>
                <td className={styles.numeric}>
                  {result.isGraded ? formatPoints(result.pointsEarned) : "—"} of {result.criterion.points}
                </td>
                <td>
                  {result.criterion.kind === "CUSTOM" && shown.length > 0 ? (
                    <span className="meta">Graded by hand, from these posts:</span>
                  ) : null}
                  {shown.length === 0 ? (
                    <span className="meta">—</span>
                  ) : (
                    <ul>
                      {shown.map((id) => {
                        const post = evidence[id];
                        if (!post) return null;
                        return (
                          <li key={id}>
                            <Link href={`/readings/${readingId}?course=${courseId}#p-${post.paragraphPosition}`}>
                              {KIND_LABEL[post.kind]} on paragraph {post.paragraphPosition}
                            </Link>
                            {post.excerpt ? <span className="meta">: “{post.excerpt}”</span> : null}
                          </li>
                        );
                      })}
                      {result.evidence.length > shown.length ? (
                        <li className="meta">and {result.evidence.length - shown.length} more</li>
                      ) : null}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Met or not for an automatic criterion; graded (with its comment) or not graded yet for one graded by hand. */
function ResultStatus({ result, details }: { result: CriterionResult; details: ManualScoreDetails | undefined }) {
  if (result.criterion.kind !== "CUSTOM") {
    return (
      <>
        <span className={result.isMet ? styles.met : undefined}>{result.isMet ? "Met" : "Not met"}</span>
        <br />
        <span className="meta">{result.progress}</span>
      </>
    );
  }
  if (!result.isGraded) return <span className={styles.notGraded}>Not graded yet</span>;
  return (
    <>
      <span className={styles.met}>Graded</span>
      {details ? (
        <>
          <br />
          <span className="meta">
            {details.gradedByName ? `by ${details.gradedByName}, ` : ""}
            <TimeDisplay iso={details.gradedAt} />
          </span>
        </>
      ) : null}
      {result.manual?.comment ? (
        <>
          <br />“{result.manual.comment}”
        </>
      ) : null}
    </>
  );
}
