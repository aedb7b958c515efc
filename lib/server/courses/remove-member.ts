import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { lockRosterTarget, type RosterTargetRef } from "./lock-course-memberships.ts";

/**
 * Removes a member from a course. Instructors only; never the last instructor. Their posts stay
 * (a course's discussion does not lose its replies when someone leaves). Their live streams of
 * the course end at once (announced on commit).
 */
export async function removeMember({ actorId, courseId, membershipId }: RosterTargetRef): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { target, instructorCount } = await lockRosterTarget(tx, { actorId, courseId, membershipId });
    if (target.role === "INSTRUCTOR" && instructorCount <= 1) {
      throw new AppError("CONFLICT", "The last instructor cannot be removed. Make someone else an instructor first.");
    }
    await tx.membership.delete({ where: { id: membershipId } });
    await announceRevocation(tx, { kind: "membership", userId: target.userId, courseId });
  });
}
