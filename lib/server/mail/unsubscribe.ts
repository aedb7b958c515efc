import "server-only";
import { DEFAULT_MAIL_PREFERENCES, unsubscribeChanges, type MailSubscription } from "../../domain/mail/mail-preferences.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { readUnsubscribeToken } from "./mail-links.ts";

/**
 * One-click unsubscribe (RFC 8058) and the footer link's page: the signed token names the person
 * and what to stop; nothing else is needed, not even a session. Idempotent, since mail clients
 * may POST more than once.
 */
export async function unsubscribe({ secret, token }: { secret: string; token: string }): Promise<{ subscription: MailSubscription }> {
  const target = readUnsubscribeToken(secret, token);
  if (!target) throw new AppError("VALIDATION", "This unsubscribe link is not valid. Change your email settings after signing in.");
  const db = getDb();
  await db.$transaction(async (tx) => {
    const current = await tx.mailPreference.findUnique({ where: { userId: target.userId } });
    const changes = unsubscribeChanges(current ?? DEFAULT_MAIL_PREFERENCES, target.subscription);
    const user = await tx.user.findUnique({ where: { id: target.userId }, select: { id: true } });
    // A deleted account gets no more email anyway.
    if (!user) return;
    await tx.mailPreference.upsert({ where: { userId: target.userId }, create: { userId: target.userId, ...changes }, update: changes });
  });
  return { subscription: target.subscription };
}

/** What a token would stop, for the confirmation page; null when the token is not valid. */
export function describeUnsubscribeToken({ secret, token }: { secret: string; token: string }): { subscription: MailSubscription } | null {
  const target = readUnsubscribeToken(secret, token);
  return target ? { subscription: target.subscription } : null;
}
