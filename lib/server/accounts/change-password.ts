import "server-only";
import bcrypt from "bcryptjs";
import type { ChangePasswordInput } from "../../domain/account-rules.ts";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "../sessions/end-sessions-in-transaction.ts";
import { BCRYPT_COST } from "./create-account.ts";
import { requireCurrentPassword } from "./require-current-password.ts";

/**
 * Changes the actor's password (the current one required). Every other session ends (announced
 * to the live channel); the one making the change stays signed in. Returns how many ended.
 */
export async function changePassword({
  actorId,
  currentSessionId,
  input,
}: {
  actorId: string;
  currentSessionId: string | null;
  input: ChangePasswordInput;
}): Promise<number> {
  await requireCurrentPassword(getDb(), { userId: actorId, password: input.currentPassword });
  const passwordHash = await bcrypt.hash(input.newPassword, BCRYPT_COST);
  return getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actorId }, data: { passwordHash } });
    // A reset link asked for before the change must not undo it.
    await tx.accountRequest.updateMany({ where: { userId: actorId, kind: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
    return (await endSessionsInTransaction(tx, { userId: actorId, exceptSessionId: currentSessionId })).length;
  });
}
