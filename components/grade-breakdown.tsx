import Link from "next/link";
import type { StudentGrade } from "@/lib/domain/grading";
import { describeCriterion } from "@/lib/domain/rubric";
import type { GradeEvidence } from "@/lib/server/grading/compute-grades";
import { KIND_LABEL } from "@/lib/domain/annotation-labels";
import styles from "./teaching.module.css";

const MAX_EVIDENCE_SHOWN = 20;

/**
 * One student's grade, criterion by criterion, with the posts that satisfied each as links to
 * where they sit in the reading. Shared by the grades page (staff) and the student's own page.
 */
export function GradeBreakdown({
  grade,
  evidence,
  readingId,
  courseId,
  caption,
}: {
  grade: StudentGrade;
  evidence: Record<string, GradeEvidence>;
  readingId: string;
  courseId: string;
  caption: string;
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
            <th scope="col">Posts that satisfied it</th>
          </tr>
        </thead>
        <tbody>
          {grade.results.map((result) => {
            const shown = result.evidence.slice(0, MAX_EVIDENCE_SHOWN);
            return (
              <tr key={result.criterion.kind} data-criterion={result.criterion.kind}>
                <th scope="row">{describeCriterion(result.criterion)}</th>
                <td>
                  <span className={result.isMet ? styles.met : undefined}>{result.isMet ? "Met" : "Not met"}</span>
                  <br />
                  <span className="meta">{result.progress}</span>
                </td>
                <td className={styles.numeric}>
                  {result.pointsEarned} of {result.criterion.points}
                </td>
                <td>
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
