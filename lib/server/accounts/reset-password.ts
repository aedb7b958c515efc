import "server-only";
import bcrypt from "bcryptjs";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "../sessions/end-sessions-in-transaction.ts";
import { hashAccountLinkToken } from "./account-link-token.ts";
import { BCRYPT_COST } from "./create-account.ts";
import { findUsableAccountLink } from "./find-usable-account-link.ts";

export const RESET_LINK_UNUSABLE_MESSAGE = "This link has expired or was already used: ask for a new one.";

/**
 * Sets a new password with a reset link's secret. The link is used up in the same transaction
 * that changes the password (so it works once, even when submitted twice at the same time),
 * every other reset link of the account stops working, the address counts as confirmed (the
 * link reached it), and every session of the account ends, announced to the live channel.
 * Returns the account's email, for the sign-in form.
 */
export async function resetPassword({
  token,
  password,
  now = new Date(),
}: {
  token: string;
  password: string;
  now?: Date;
}): Promise<{ email: string }> {
  const link = await findUsableAccountLink({ token, kinds: ["PASSWORD_RESET"], now });
  if (!link) throw new AppError("NOT_FOUND", RESET_LINK_UNUSABLE_MESSAGE);
  // bcrypt is slow: hashed before the transaction, which then only writes.
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  return getDb().$transaction(async (tx) => {
    const used = await tx.accountRequest.updateMany({
      where: { id: link.id, tokenHash: hashAccountLinkToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count === 0) throw new AppError("NOT_FOUND", RESET_LINK_UNUSABLE_MESSAGE);
    const user = await tx.user.findUniqueOrThrow({ where: { id: link.userId }, select: { email: true, emailVerifiedAt: true } });
    // The address changed since the link was sent: it no longer proves anything.
    if (user.email !== link.email) throw new AppError("NOT_FOUND", RESET_LINK_UNUSABLE_MESSAGE);
    await tx.user.update({
      where: { id: link.userId },
      data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now },
    });
    await tx.accountRequest.updateMany({ where: { userId: link.userId, kind: "PASSWORD_RESET", usedAt: null }, data: { usedAt: now } });
    await endSessionsInTransaction(tx, { userId: link.userId, all: true });
    return { email: user.email };
  });
}
