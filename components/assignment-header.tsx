import Link from "next/link";
import type { ReactNode } from "react";
import { TimeDisplay } from "./time-display";

/** The top of an assignment's pages: the course (a link back), the page's heading, the reading and due date. */
export function AssignmentHeader({
  courseId,
  courseTitle,
  heading,
  readingTitle,
  dueAt,
  extra,
}: {
  courseId: string;
  courseTitle: string;
  heading: string;
  readingTitle: string;
  dueAt: Date | null;
  /** More facts for the meta line (e.g. which groups it is for). */
  extra?: ReactNode;
}) {
  return (
    <header className="course-header">
      <p className="meta">
        <Link href={`/courses/${courseId}`}>{courseTitle}</Link>
      </p>
      <h1>{heading}</h1>
      <p className="meta">
        {readingTitle}
        {" · "}
        {dueAt ? (
          <>
            due <TimeDisplay iso={dueAt} />
          </>
        ) : (
          "no due date"
        )}
        {extra ? <> · {extra}</> : null}
      </p>
    </header>
  );
}
