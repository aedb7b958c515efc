import "server-only";
import { courseCapabilities, type CourseCapabilities } from "../../domain/course-permissions.ts";
import { courseNotFound } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";
import { assignmentsForStudentWhere } from "../assignments/assignment-rules.ts";
import { isStaffRole, type CourseActorRef } from "./course-access.ts";

export type CourseMemberView = { membershipId: string; userId: string; name: string; email: string; role: Role; groupId: string | null };

export type CourseView = {
  id: string;
  title: string;
  term: string;
  myRole: Role;
  /** When the course was archived (read-only for everyone), or null. */
  archivedAt: Date | null;
  /** What the actor may do in this course (lib/domain/course-permissions.ts). */
  can: CourseCapabilities;
  myMembershipId: string;
  myGroup: { id: string; name: string; members: { name: string; role: Role }[] } | null;
  readings: { assignmentId: string; title: string; readingId: string; readingTitle: string; dueAt: Date | null }[];
  /** Staff only: the roster, groups and join code. */
  staff: {
    joinCode: string | null;
    joinEnabled: boolean;
    members: CourseMemberView[];
    groups: { id: string; name: string; memberCount: number }[];
  } | null;
};

/**
 * The course as the actor may see it: staff get the roster, groups and join code; students get
 * their own group and the readings. Not a member → NOT_FOUND (existence not revealed).
 */
export async function loadCourseForActor({ actorId, courseId }: CourseActorRef): Promise<CourseView> {
  const db = getDb();
  const membership = await db.membership.findUnique({
    where: { userId_courseId: { userId: actorId, courseId } },
    select: { id: true, role: true, groupId: true },
  });
  if (!membership) throw courseNotFound();
  const isStaff = isStaffRole(membership.role);

  const [course, myGroup, staffData] = await Promise.all([
    db.course.findUniqueOrThrow({
      where: { id: courseId },
      select: {
        id: true,
        title: true,
        term: true,
        joinCode: true,
        joinEnabled: true,
        archivedAt: true,
        // Students see the assignments that are for them (whole class or their group).
        assignments: {
          where: isStaff ? {} : assignmentsForStudentWhere(courseId, membership.groupId),
          orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
          select: { id: true, title: true, dueAt: true, reading: { select: { id: true, title: true } } },
        },
      },
    }),
    membership.groupId
      ? db.group.findUnique({
          where: { id: membership.groupId },
          select: {
            id: true,
            name: true,
            memberships: { orderBy: { user: { name: "asc" } }, select: { role: true, user: { select: { name: true } } } },
          },
        })
      : Promise.resolve(null),
    isStaff
      ? Promise.all([
          db.membership.findMany({
            where: { courseId },
            orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
            select: { id: true, role: true, groupId: true, user: { select: { id: true, name: true, email: true } } },
          }),
          db.group.findMany({
            where: { courseId },
            orderBy: { name: "asc" },
            select: { id: true, name: true, _count: { select: { memberships: true } } },
          }),
        ])
      : Promise.resolve(null),
  ]);

  return {
    id: course.id,
    title: course.title,
    term: course.term,
    myRole: membership.role,
    archivedAt: course.archivedAt,
    can: courseCapabilities(membership.role, course.archivedAt !== null),
    myMembershipId: membership.id,
    myGroup: myGroup
      ? {
          id: myGroup.id,
          name: myGroup.name,
          members: myGroup.memberships.map((member) => ({ name: member.user.name, role: member.role })),
        }
      : null,
    readings: course.assignments.map((assignment) => ({
      assignmentId: assignment.id,
      title: assignment.title,
      readingId: assignment.reading.id,
      readingTitle: assignment.reading.title,
      dueAt: assignment.dueAt,
    })),
    staff: staffData
      ? {
          joinCode: course.joinCode,
          joinEnabled: course.joinEnabled,
          members: staffData[0].map((member) => ({
            membershipId: member.id,
            userId: member.user.id,
            name: member.user.name,
            email: member.user.email,
            role: member.role,
            groupId: member.groupId,
          })),
          groups: staffData[1].map((group) => ({ id: group.id, name: group.name, memberCount: group._count.memberships })),
        }
      : null,
  };
}
