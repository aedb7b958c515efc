import "./my-assignments.css";
import Link from "next/link";
import { TimeDisplay } from "./time-display";
import type { MyAssignment } from "@/lib/server/assignments/list-my-assignments";
import { AssignmentStatusBadge } from "./assignment-status-badge";
import { describePostCount } from "@/lib/domain/assignment-progress";

/** The students' dashboard: each assignment with its status, progress and time left. */
export function MyAssignments({ assignments, showCourse }: { assignments: MyAssignment[]; showCourse: boolean }) {
  if (assignments.length === 0)
    return <p className="empty-state">No assignments yet. When an instructor assigns a reading, it appears here.</p>;
  return (
    <ul className="assignment-list">
      {assignments.map((assignment) => (
        <li key={assignment.id}>
          <p>
            <Link className="title" href={`/courses/${assignment.courseId}/assignments/${assignment.id}`}>
              {assignment.title}
            </Link>{" "}
            <AssignmentStatusBadge status={assignment.progress.status} />
          </p>
          <p className="meta">
            {[showCourse ? assignment.courseTitle : null, assignment.readingTitle].filter(Boolean).join(" · ")} ·{" "}
            {assignment.dueAt ? (
              <>
                due <TimeDisplay iso={assignment.dueAt} />
              </>
            ) : (
              "no due date"
            )}
            {assignment.progress.timeNote ? ` · ${assignment.progress.timeNote}` : null}
          </p>
          <p className="meta">
            {describePostCount(assignment.progress)}
            {assignment.postFirst ? " · post first" : ""} ·{" "}
            {assignment.progress.isOpen ? (
              <Link
                href={`/readings/${assignment.readingId}?course=${assignment.courseId}`}
                aria-label={`Open the reading for ${assignment.title}`}
              >
                Open the reading
              </Link>
            ) : (
              "not open yet"
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
