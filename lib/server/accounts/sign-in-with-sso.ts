import "server-only";
import type { SsoIdentity } from "../../domain/single-sign-on.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "../sessions/end-sessions-in-transaction.ts";
import { startSession } from "../sessions/start-session.ts";

/**
 * Signs in the person single sign-on vouched for (an email the provider verified,
 * decideSsoIdentity): the account with that address, else a new one without a password (it
 * signs in through single sign-on, or sets a password with "Forgot your password?"). The
 * provider's verification confirms the address. An account whose address was never confirmed
 * may have been opened by someone else with this person's address (README, "Accounts"): the
 * owner takes it back here as with a password reset — its password is cleared and its other
 * sessions end.
 */
export async function signInWithSso({
  identity,
  userAgent,
  now = new Date(),
}: {
  identity: SsoIdentity;
  userAgent: string | null | undefined;
  now?: Date;
}): Promise<{ id: string; email: string; name: string; sessionId: string }> {
  const select = { id: true, email: true, name: true, emailVerifiedAt: true } as const;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const user = await getDb().$transaction(async (tx) => {
        const existing = await tx.user.findUnique({ where: { email: identity.email }, select });
        if (!existing) {
          return tx.user.create({ data: { email: identity.email, name: identity.name, passwordHash: "", emailVerifiedAt: now }, select });
        }
        if (existing.emailVerifiedAt === null) {
          await tx.user.update({ where: { id: existing.id }, data: { emailVerifiedAt: now, passwordHash: "" } });
          await endSessionsInTransaction(tx, { userId: existing.id, all: true });
        }
        return existing;
      });
      const { sessionId } = await startSession({ userId: user.id, userAgent });
      return { id: user.id, email: user.email, name: user.name, sessionId };
    } catch (error) {
      // Two first sign-ins at once: the other one created the account; read it back.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}
