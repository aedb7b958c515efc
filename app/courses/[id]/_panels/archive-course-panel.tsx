import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import type { CourseView } from "@/lib/server/courses/load-course-for-actor";
import { deleteCourseAction, setCourseArchivedAction } from "../actions";

/** Instructors: archive (read-only, still exportable) or restore the course; delete it for good. */
export function ArchiveCoursePanel({ course }: { course: CourseView }) {
  const isArchived = course.archivedAt !== null;
  return (
    <section className="panel" aria-labelledby="archive-heading">
      <h2 id="archive-heading">Archive or delete</h2>
      <p>
        {isArchived
          ? "Restoring the course opens it again: posts, replies, roster and assignment changes."
          : "Archiving makes the course read-only for everyone: its readings, posts, grades and exports stay, nothing can be added or changed. It moves under “Archived courses” on My courses."}
      </p>
      <ActionForm
        action={setCourseArchivedAction}
        submitLabel={isArchived ? "Restore this course" : "Archive this course"}
        submitClassName="button button-secondary"
      >
        <input type="hidden" name="courseId" value={course.id} />
        <input type="hidden" name="archived" value={isArchived ? "false" : "true"} />
      </ActionForm>
      <h3 id="delete-course-heading">Delete the course</h3>
      <p>
        Deleting removes the course and everything in it — members, groups, assignments, grades and every post — and cannot be undone.
        Export what you want to keep first.
      </p>
      <ActionForm
        action={deleteCourseAction}
        submitLabel="Delete this course"
        pendingLabel="Deleting…"
        submitClassName="button button-danger"
        className="stacked-form"
      >
        <input type="hidden" name="courseId" value={course.id} />
        <Field
          label={`Type the course's title, “${course.title}”, to confirm`}
          name="confirmTitle"
          id="confirm-course-title"
          autoComplete="off"
          spellCheck={false}
          required
        />
      </ActionForm>
    </section>
  );
}
