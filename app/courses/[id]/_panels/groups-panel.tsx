import "./groups-panel.css";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import type { CourseView } from "@/lib/server/courses/load-course-for-actor";
import { createGroupAction, deleteGroupAction, renameGroupAction, splitIntoGroupsAction } from "../actions";

/** Staff: the course's groups; create, rename, delete, or split the class automatically. */
export function GroupsPanel({ course, staff }: { course: CourseView; staff: NonNullable<CourseView["staff"]> }) {
  return (
    <section className="panel" aria-labelledby="groups-heading">
      <h2 id="groups-heading">Groups</h2>
      {staff.groups.length === 0 ? (
        <p className="empty-state">No groups yet. Create them one by one, or split the class automatically.</p>
      ) : (
        <ul className="group-list">
          {staff.groups.map((group) => (
            <li key={group.id}>
              <h3>
                {group.name}{" "}
                <span className="badge">
                  {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
                </span>
              </h3>
              <div className="button-row">
                <ActionForm
                  action={renameGroupAction}
                  submitLabel="Rename"
                  submitAriaLabel={`Rename ${group.name}`}
                  submitClassName="button button-secondary"
                  hidden={{ courseId: course.id, groupId: group.id }}
                >
                  <Field
                    label={`New name for ${group.name}`}
                    name="name"
                    id={`rename-${group.id}`}
                    defaultValue={group.name}
                    required
                    maxLength={60}
                  />
                </ActionForm>
                <ActionForm
                  action={deleteGroupAction}
                  submitLabel="Delete"
                  submitAriaLabel={`Delete ${group.name}`}
                  submitClassName="button button-danger"
                  confirmMessage={`Delete ${group.name}? Its members stay in the course without a group.`}
                  hidden={{ courseId: course.id, groupId: group.id }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>New group</h3>
      <ActionForm action={createGroupAction} submitLabel="Create group" resetOnSuccess hidden={{ courseId: course.id }}>
        <Field label="Group name" name="name" id="new-group-name" required maxLength={60} />
      </ActionForm>
      <h3>Split the class automatically</h3>
      <ActionForm
        action={splitIntoGroupsAction}
        submitLabel="Split into groups"
        confirmMessage={staff.groups.length > 0 ? "Split again? The current groups are replaced." : undefined}
      >
        <input type="hidden" name="courseId" value={course.id} />
        <Field
          label="Students per group"
          name="groupSize"
          id="group-size"
          type="number"
          min={1}
          max={500}
          defaultValue={4}
          required
          inputMode="numeric"
        />
      </ActionForm>
    </section>
  );
}
