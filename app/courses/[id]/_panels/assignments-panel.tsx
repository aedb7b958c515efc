import "@/components/my-assignments.css";
import Link from "next/link";
import { MyAssignments } from "@/components/my-assignments";
import type { MyAssignment } from "@/lib/server/assignments/list-my-assignments";
import type { CourseView } from "@/lib/server/courses/load-course-for-actor";
import { TimeDisplay } from "@/components/time-display";

/** Staff: every assignment with its reading; students: their own assignments and progress. */
export function AssignmentsPanel({ course, myAssignments }: { course: CourseView; myAssignments: MyAssignment[] }) {
  return (
    <section className="panel" aria-labelledby="readings-heading">
      <h2 id="readings-heading">Assignments</h2>
      {course.staff ? (
        <>
          {course.readings.length === 0 ? (
            <p className="empty-state">No readings assigned yet.</p>
          ) : (
            <ul className="assignment-list">
              {course.readings.map((reading) => (
                <li key={reading.assignmentId}>
                  <Link className="title" href={`/courses/${course.id}/assignments/${reading.assignmentId}`}>
                    {reading.title}
                  </Link>
                  <span className="meta">
                    {" "}
                    · {reading.readingTitle}
                    {reading.dueAt ? (
                      <>
                        {" "}
                        · due <TimeDisplay iso={reading.dueAt} />
                      </>
                    ) : null}
                  </span>{" "}
                  · <Link href={`/readings/${reading.readingId}?course=${course.id}`}>Open the reading</Link>
                </li>
              ))}
            </ul>
          )}
          {course.can.canManageAssignments ? (
            <p>
              <Link className="button" href={`/courses/${course.id}/assignments/new`}>
                New assignment
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <MyAssignments assignments={myAssignments} showCourse={false} />
      )}
    </section>
  );
}
