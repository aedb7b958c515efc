import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import type { DeleteAccountInput } from "../../domain/account-rules.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { lockCourseMemberships } from "../courses/lock-course-memberships.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { endSessionsInTransaction } from "../sessions/end-sessions-in-transaction.ts";
import { BCRYPT_COST } from "./create-account.ts";
import { requireCurrentPassword } from "./require-current-password.ts";

export const DELETED_USER_NAME = "Deleted user";

/**
 * Deletes the actor's account (the current password required). What others can read stays, so
 * the discussions they replied in keep their threads: the account's row remains as "Deleted
 * user", with no email, no password that anyone knows, no sessions and no tokens. What only
 * the person could read goes: private notes and private posts, notifications, email settings,
 * pending account links. They leave every course; a course they were the only member of goes
 * with them. The last instructor of a course others are in must first make someone else
 * instructor (CONFLICT, naming the course). Every session and every live stream ends at once.
 */
export async function deleteAccount({ actorId, input }: { actorId: string; input: DeleteAccountInput }): Promise<void> {
  await requireCurrentPassword(getDb(), { userId: actorId, password: input.currentPassword });
  // No one can sign in with it: not a password anybody was given.
  const passwordHash = await bcrypt.hash(randomBytes(32).toString("base64url"), BCRYPT_COST);
  await getDb().$transaction(async (tx) => {
    const memberships = await tx.membership.findMany({
      where: { userId: actorId },
      select: { id: true, courseId: true, role: true, course: { select: { title: true } } },
      orderBy: { courseId: "asc" },
    });
    const aloneIn: string[] = [];
    for (const membership of memberships) {
      const members = await lockCourseMemberships(tx, membership.courseId);
      if (members.length === 1) {
        aloneIn.push(membership.courseId);
        continue;
      }
      if (membership.role === "INSTRUCTOR" && members.filter((member) => member.role === "INSTRUCTOR").length === 1) {
        throw new AppError(
          "CONFLICT",
          `You are the last instructor of “${membership.course.title}”: make someone else an instructor first.`,
        );
      }
    }
    await tx.membership.deleteMany({ where: { userId: actorId } });
    for (const membership of memberships) {
      if (!aloneIn.includes(membership.courseId))
        await announceRevocation(tx, { kind: "membership", userId: actorId, courseId: membership.courseId });
    }
    if (aloneIn.length > 0) await tx.course.deleteMany({ where: { id: { in: aloneIn } } });

    await tx.annotation.deleteMany({ where: { authorId: actorId, visibility: "PRIVATE" } });
    await tx.notification.deleteMany({ where: { userId: actorId } });
    await tx.mailPreference.deleteMany({ where: { userId: actorId } });
    await tx.accountRequest.deleteMany({ where: { userId: actorId } });
    await tx.apiToken.updateMany({ where: { userId: actorId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.user.update({
      where: { id: actorId },
      data: {
        name: DELETED_USER_NAME,
        email: `deleted-${actorId}@deleted.invalid`,
        passwordHash,
        emailVerifiedAt: null,
        deletedAt: new Date(),
      },
    });
    // Announced as the whole person: their sessions' and tokens' streams end alike.
    await endSessionsInTransaction(tx, { userId: actorId, all: true });
  });
}
