import { ActionForm } from "@/components/action-form";
import type { CourseView } from "@/lib/server/courses/load-course-for-actor";
import { leaveCourseAction } from "../actions";

/** Staff: leaving the course (the last instructor cannot; the service says so). */
export function LeaveCoursePanel({ course }: { course: CourseView }) {
  return (
    <section className="panel" aria-labelledby="leave-heading">
      <h2 id="leave-heading">Leave</h2>
      <ActionForm
        action={leaveCourseAction}
        submitLabel="Leave this course"
        submitClassName="button button-danger"
        confirmMessage={`Leave ${course.title}?`}
      >
        <input type="hidden" name="courseId" value={course.id} />
      </ActionForm>
    </section>
  );
}
