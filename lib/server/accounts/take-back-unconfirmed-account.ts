import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { endSessionsInTransaction } from "../sessions/end-sessions-in-transaction.ts";

/**
 * An identity provider or an LMS vouches for this address, and the account with it was never
 * confirmed: someone else may have opened it with this person's address (README, "Accounts").
 * The owner takes it back as with a password reset: the address is confirmed, the password
 * cleared and every session of the account ends. A confirmed account is left as it is.
 */
export async function takeBackUnconfirmedAccount(
  tx: Prisma.TransactionClient,
  account: { id: string; emailVerifiedAt: Date | null },
  now: Date,
): Promise<void> {
  if (account.emailVerifiedAt !== null) return;
  await tx.user.update({ where: { id: account.id }, data: { emailVerifiedAt: now, passwordHash: "" } });
  await endSessionsInTransaction(tx, { userId: account.id, all: true });
}
