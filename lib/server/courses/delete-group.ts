import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { requireCourseRole, type CourseActorRef } from "./course-access.ts";

/**
 * Deletes a group; its members stay in the course without a group. Instructors and TAs. The
 * members stop reading the group's posts: their live streams of the course end at once.
 */
export async function deleteGroup({ actorId, courseId, groupId }: CourseActorRef & { groupId: string }): Promise<void> {
  await requireCourseRole({ actorId, courseId, permission: "manageGroups" });
  await getDb().$transaction(async (tx) => {
    const members = await tx.membership.findMany({ where: { courseId, groupId }, select: { userId: true } });
    const deleted = await tx.group.deleteMany({ where: { id: groupId, courseId } });
    if (deleted.count === 0) throw new AppError("NOT_FOUND", "That group is not in this course.");
    for (const member of members) await announceRevocation(tx, { kind: "membership", userId: member.userId, courseId });
  });
}
