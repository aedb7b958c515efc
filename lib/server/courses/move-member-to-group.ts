import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { requireCourseRole, STAFF_ROLES } from "./course-access.ts";

/**
 * Puts a student in a group of the same course, or in none (`groupId` null). A student is in at
 * most one group per course by construction (the group is a column of the membership).
 * Instructors and TAs. A student taken out of a group stops reading its posts: their live
 * streams of the course end at once (they reopen with the new group).
 */
export async function moveMemberToGroup({
  actorId,
  courseId,
  membershipId,
  groupId,
}: {
  actorId: string;
  courseId: string;
  membershipId: string;
  groupId: string | null;
}): Promise<void> {
  await requireCourseRole({ actorId, courseId, roles: STAFF_ROLES });
  const db = getDb();
  const [member, group] = await Promise.all([
    db.membership.findFirst({ where: { id: membershipId, courseId }, select: { role: true, userId: true, groupId: true } }),
    groupId ? db.group.findFirst({ where: { id: groupId, courseId }, select: { id: true } }) : Promise.resolve(null),
  ]);
  if (!member) throw new AppError("NOT_FOUND", "That person is not in this course.");
  if (groupId && !group) throw new AppError("NOT_FOUND", "That group is not in this course.");
  if (groupId && member.role !== "STUDENT") throw new AppError("VALIDATION", "Only students are placed in groups.");
  await db.$transaction(async (tx) => {
    await tx.membership.update({ where: { id: membershipId }, data: { groupId } });
    if (member.groupId !== null && member.groupId !== groupId) {
      await announceRevocation(tx, { kind: "membership", userId: member.userId, courseId });
    }
  });
}
