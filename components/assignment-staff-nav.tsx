import Link from "next/link";
import styles from "./teaching.module.css";

export type AssignmentStaffPage = "insights" | "grades" | "rubric" | "lms-grades";

const PAGES: { page: AssignmentStaffPage; label: string }[] = [
  { page: "insights", label: "Insights" },
  { page: "grades", label: "Grades" },
  { page: "rubric", label: "Rubric" },
  { page: "lms-grades", label: "LMS gradebook" },
];

/** "Insights · Grades · Rubric" for an assignment's instructors and TAs; `current` marks the page shown. */
export function AssignmentStaffNav({
  courseId,
  assignmentId,
  current,
}: {
  courseId: string;
  assignmentId: string;
  current?: AssignmentStaffPage;
}) {
  return (
    <nav aria-label="Assignment tools" className={styles.staffNav}>
      <ul>
        {PAGES.map(({ page, label }) => (
          <li key={page}>
            <Link href={`/courses/${courseId}/assignments/${assignmentId}/${page}`} aria-current={page === current ? "page" : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
