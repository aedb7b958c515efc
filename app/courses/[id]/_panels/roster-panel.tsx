import { DataTable } from "@/components/data-table";
import { ActionForm } from "@/components/action-form";
import { RecordOptions } from "@/components/record-options";
import type { CourseView } from "@/lib/server/courses/load-course-for-actor";
import { changeMemberRoleAction, moveMemberAction, removeMemberAction } from "../actions";

const ROLE_LABEL = { INSTRUCTOR: "Instructor", TA: "Teaching assistant", STUDENT: "Student" } as const;

/** Staff: every member, with their role and group; instructors change roles and remove members. */
export function RosterPanel({ course, staff }: { course: CourseView; staff: NonNullable<CourseView["staff"]> }) {
  const canManageRoster = course.can.canManageRoster;
  const groupName = new Map(staff.groups.map((group) => [group.id, group.name]));
  return (
    <section className="panel" aria-labelledby="roster-heading">
      <h2 id="roster-heading">Roster ({staff.members.length})</h2>
      <DataTable caption="Course members" columns={canManageRoster ? ["Name", "Role", "Group", "Remove"] : ["Name", "Role", "Group"]}>
        {staff.members.map((member) => (
          <tr key={member.membershipId}>
            <th scope="row">
              {member.name}
              <br />
              <span className="meta">{member.email}</span>
            </th>
            <td>
              {canManageRoster ? (
                <ActionForm
                  action={changeMemberRoleAction}
                  submitLabel="Save"
                  submitAriaLabel={`Save role of ${member.name}`}
                  submitClassName="button button-secondary"
                  hidden={{ courseId: course.id, membershipId: member.membershipId }}
                >
                  <label className="visually-hidden" htmlFor={`role-${member.membershipId}`}>
                    Role of {member.name}
                  </label>
                  <select id={`role-${member.membershipId}`} name="role" defaultValue={member.role}>
                    <option value="STUDENT">Student</option>
                    <option value="TA">Teaching assistant</option>
                    <option value="INSTRUCTOR">Instructor</option>
                  </select>
                </ActionForm>
              ) : (
                ROLE_LABEL[member.role]
              )}
            </td>
            <td>
              {member.role === "STUDENT" ? (
                <ActionForm
                  action={moveMemberAction}
                  submitLabel="Move"
                  submitAriaLabel={`Move ${member.name}`}
                  submitClassName="button button-secondary"
                  hidden={{ courseId: course.id, membershipId: member.membershipId }}
                >
                  <label className="visually-hidden" htmlFor={`group-${member.membershipId}`}>
                    Group of {member.name}
                  </label>
                  <select id={`group-${member.membershipId}`} name="groupId" defaultValue={member.groupId ?? ""}>
                    <RecordOptions none="No group" items={staff.groups} labelOf={(group) => group.name} />
                  </select>
                </ActionForm>
              ) : (
                <span className="meta">{member.groupId ? groupName.get(member.groupId) : "—"}</span>
              )}
            </td>
            {canManageRoster ? (
              <td>
                {member.membershipId === course.myMembershipId ? (
                  <span className="meta">You</span>
                ) : (
                  <ActionForm
                    action={removeMemberAction}
                    submitLabel="Remove"
                    submitAriaLabel={`Remove ${member.name}`}
                    submitClassName="button button-danger"
                    confirmMessage={`Remove ${member.name} from ${course.title}?`}
                    hidden={{ courseId: course.id, membershipId: member.membershipId }}
                  />
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
