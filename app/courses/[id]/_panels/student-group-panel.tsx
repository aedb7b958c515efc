import { ActionForm } from "@/components/action-form";
import type { CourseView } from "@/lib/server/courses/load-course-for-actor";
import { leaveCourseAction } from "../actions";

/** A student's group and classmates, and leaving the course. */
export function StudentGroupPanel({ course }: { course: CourseView }) {
  return (
    <section className="panel" aria-labelledby="group-heading">
      <h2 id="group-heading">Your group</h2>
      {course.myGroup ? (
        <>
          <p>
            You are in <strong>{course.myGroup.name}</strong>.
          </p>
          <ul>
            {course.myGroup.members.map((member, index) => (
              <li key={`${member.name}-${index}`}>{member.name}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="empty-state">You are not in a group yet. Your instructor will place you in one.</p>
      )}
      <ActionForm
        action={leaveCourseAction}
        submitLabel="Leave this course"
        submitClassName="button button-danger"
        confirmMessage={`Leave ${course.title}? You can join again with the code.`}
      >
        <input type="hidden" name="courseId" value={course.id} />
      </ActionForm>
    </section>
  );
}
