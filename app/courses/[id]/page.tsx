import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { LocalTime } from "@/components/local-time";
import { MyAssignments } from "@/components/my-assignments";
import { listMyAssignments } from "@/lib/server/assignments/list-my-assignments";
import { getViewerTimeZone } from "@/lib/server/viewer-time-zone";
import { Field } from "@/components/field";
import { isAppError } from "@/lib/server/app-error";
import { requireActor } from "@/lib/server/auth/get-actor";
import { findCourseForActor, type CourseView } from "@/lib/server/courses/find-course-for-actor";
import {
  changeMemberRoleAction,
  createGroupAction,
  deleteGroupAction,
  leaveCourseAction,
  moveMemberAction,
  regenerateJoinCodeAction,
  removeMemberAction,
  renameGroupAction,
  setJoinEnabledAction,
  splitIntoGroupsAction,
} from "./actions";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const ROLE_LABEL = { INSTRUCTOR: "Instructor", TA: "Teaching assistant", STUDENT: "Student" } as const;

type CoursePageProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The course for the signed-in actor, or null when they may not see it (→ 404). */
const loadCourse = cache(async (rawId: string): Promise<CourseView | null> => {
  const parsed = paramsSchema.safeParse({ id: rawId });
  if (!parsed.success) return null;
  const actor = await requireActor(`/courses/${parsed.data.id}`);
  try {
    return await findCourseForActor({ actorId: actor.id, courseId: parsed.data.id });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  }
});

export async function generateMetadata({ params }: CoursePageProps): Promise<Metadata> {
  const course = await loadCourse((await params).id);
  return { title: course ? course.title : "Course not found" };
}

export default async function CoursePage({ params, searchParams }: CoursePageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const course = await loadCourse(id);
  if (!course) notFound();
  const actor = await requireActor(`/courses/${course.id}`);
  const [timeZone, myAssignments] = await Promise.all([
    getViewerTimeZone(),
    course.staff ? Promise.resolve([]) : listMyAssignments({ actorId: actor.id, courseId: course.id }),
  ]);
  return (
    <>
      <header className="course-header">
        <h1>{course.title}</h1>
        <p className="meta">
          {[
            course.term,
            `You are ${course.myRole === "INSTRUCTOR" ? "an instructor" : course.myRole === "TA" ? "a teaching assistant" : "a student"}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </header>
      {query.unassigned === "1" ? (
        <p className="form-status" role="status">
          Unassigned. Every post stays in the course.
        </p>
      ) : null}
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
                          · due <LocalTime iso={reading.dueAt.toISOString()} />
                        </>
                      ) : null}
                    </span>{" "}
                    · <Link href={`/readings/${reading.readingId}?course=${course.id}`}>Open the reading</Link>
                  </li>
                ))}
              </ul>
            )}
            {course.myRole === "INSTRUCTOR" ? (
              <p>
                <Link className="button" href={`/courses/${course.id}/assignments/new`}>
                  New assignment
                </Link>
              </p>
            ) : null}
          </>
        ) : (
          <MyAssignments assignments={myAssignments} timeZone={timeZone} showCourse={false} />
        )}
      </section>
      {course.staff ? <StaffPanels course={course} staff={course.staff} /> : <StudentGroup course={course} />}
    </>
  );
}

function StudentGroup({ course }: { course: CourseView }) {
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

async function StaffPanels({ course, staff }: { course: CourseView; staff: NonNullable<CourseView["staff"]> }) {
  const isInstructor = course.myRole === "INSTRUCTOR";
  const requestHeaders = await headers();
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host") ?? "localhost"}`;
  const joinLink = staff.joinCode ? `${origin}/join/${staff.joinCode}` : null;
  const groupName = new Map(staff.groups.map((group) => [group.id, group.name]));

  return (
    <>
      <section className="panel" aria-labelledby="join-code-heading">
        <h2 id="join-code-heading">Join code</h2>
        {staff.joinCode && staff.joinEnabled ? (
          <>
            <p>
              Students join with the code{" "}
              <span className="join-code" data-testid="join-code">
                {staff.joinCode}
              </span>
            </p>
            <p>
              or the link <a href={joinLink!}>{joinLink}</a>
            </p>
          </>
        ) : (
          <p className="empty-state">Joining is closed: the code and link do not work until you open them again.</p>
        )}
        {isInstructor ? (
          <div className="button-row">
            <ActionForm
              action={regenerateJoinCodeAction}
              submitLabel="Issue a new code"
              submitClassName="button button-secondary"
              confirmMessage="Issue a new join code? The current code and link stop working."
            >
              <input type="hidden" name="courseId" value={course.id} />
            </ActionForm>
            <ActionForm
              action={setJoinEnabledAction}
              submitLabel={staff.joinEnabled ? "Close joining" : "Open joining"}
              submitClassName="button button-secondary"
            >
              <input type="hidden" name="courseId" value={course.id} />
              <input type="hidden" name="enabled" value={staff.joinEnabled ? "false" : "true"} />
            </ActionForm>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="roster-heading">
        <h2 id="roster-heading">Roster ({staff.members.length})</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Group</th>
                {isInstructor ? <th scope="col">Remove</th> : null}
              </tr>
            </thead>
            <tbody>
              {staff.members.map((member) => (
                <tr key={member.membershipId}>
                  <th scope="row">
                    {member.name}
                    <br />
                    <span className="meta">{member.email}</span>
                  </th>
                  <td>
                    {isInstructor ? (
                      <ActionForm
                        action={changeMemberRoleAction}
                        submitLabel="Save"
                        submitAriaLabel={`Save role of ${member.name}`}
                        submitClassName="button button-secondary"
                      >
                        <input type="hidden" name="courseId" value={course.id} />
                        <input type="hidden" name="membershipId" value={member.membershipId} />
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
                      >
                        <input type="hidden" name="courseId" value={course.id} />
                        <input type="hidden" name="membershipId" value={member.membershipId} />
                        <label className="visually-hidden" htmlFor={`group-${member.membershipId}`}>
                          Group of {member.name}
                        </label>
                        <select id={`group-${member.membershipId}`} name="groupId" defaultValue={member.groupId ?? ""}>
                          <option value="">No group</option>
                          {staff.groups.map((group) => (
                            <option key={group.id} value={group.id}>
                              {group.name}
                            </option>
                          ))}
                        </select>
                      </ActionForm>
                    ) : (
                      <span className="meta">{member.groupId ? groupName.get(member.groupId) : "—"}</span>
                    )}
                  </td>
                  {isInstructor ? (
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
                        >
                          <input type="hidden" name="courseId" value={course.id} />
                          <input type="hidden" name="membershipId" value={member.membershipId} />
                        </ActionForm>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

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
                  >
                    <input type="hidden" name="courseId" value={course.id} />
                    <input type="hidden" name="groupId" value={group.id} />
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
                  >
                    <input type="hidden" name="courseId" value={course.id} />
                    <input type="hidden" name="groupId" value={group.id} />
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        )}
        <h3>New group</h3>
        <ActionForm action={createGroupAction} submitLabel="Create group" resetOnSuccess>
          <input type="hidden" name="courseId" value={course.id} />
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
    </>
  );
}
