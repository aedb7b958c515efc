import Link from "next/link";
import type { ReactNode } from "react";
import { AssignmentHeader } from "./assignment-header";
import styles from "./teaching.module.css";

export type AssignmentStaffPage = "insights" | "grades" | "rubric" | "lms-grades";

const PAGE_LABELS: Record<AssignmentStaffPage, string> = {
  insights: "Insights",
  grades: "Grades",
  rubric: "Rubric",
  "lms-grades": "LMS gradebook",
};
const PAGES: AssignmentStaffPage[] = ["insights", "grades", "rubric", "lms-grades"];

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
        {PAGES.map((page) => (
          <li key={page}>
            <Link href={`/courses/${courseId}/assignments/${assignmentId}/${page}`} aria-current={page === current ? "page" : undefined}>
              {PAGE_LABELS[page]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The top of a staff page of an assignment: its header, headed "<page>: <assignment>", and the tools' nav. */
export function AssignmentStaffHeader({
  courseId,
  assignmentId,
  current,
  assignment,
  extra,
}: {
  courseId: string;
  assignmentId: string;
  current: AssignmentStaffPage;
  assignment: { title: string; courseTitle: string; readingTitle: string; dueAt: Date | null };
  extra?: ReactNode;
}) {
  return (
    <>
      <AssignmentHeader
        courseId={courseId}
        courseTitle={assignment.courseTitle}
        heading={`${PAGE_LABELS[current]}: ${assignment.title}`}
        readingTitle={assignment.readingTitle}
        dueAt={assignment.dueAt}
        extra={extra}
      />
      <AssignmentStaffNav courseId={courseId} assignmentId={assignmentId} current={current} />
    </>
  );
}
