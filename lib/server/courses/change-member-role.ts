import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { lockRosterTarget, type RosterTargetRef } from "./lock-course-memberships.ts";

/** Sets a member's role. Instructors only; the last instructor cannot step down. Staff leave
 *  groups (groups are for students). A member who stops being staff stops reading every group:
 *  their live streams of the course end at once. */
export async function changeMemberRole({ actorId, courseId, membershipId, role }: RosterTargetRef & { role: Role }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { target, instructorCount } = await lockRosterTarget(tx, { actorId, courseId, membershipId });
    if (target.role === "INSTRUCTOR" && role !== "INSTRUCTOR" && instructorCount <= 1) {
      throw new AppError("CONFLICT", "A course needs at least one instructor. Make someone else an instructor first.");
    }
    await tx.membership.update({
      where: { id: membershipId },
      data: { role, ...(role === "STUDENT" ? {} : { groupId: null }) },
    });
    if (target.role !== "STUDENT" && role === "STUDENT") {
      await announceRevocation(tx, { kind: "membership", userId: target.userId, courseId });
    }
  });
}
