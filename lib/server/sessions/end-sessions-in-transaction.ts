import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";

export type SessionsToEnd =
  /** Every live session of the person (sign out everywhere): announced as one `user` revocation. */
  | { userId: string; all: true }
  /** These sessions of the person (ids of others' sessions match nothing): one `session` revocation each. */
  | { userId: string; sessionIds: readonly string[] }
  /** Every live session but one (password change keeps the session that made it). */
  | { userId: string; exceptSessionId: string | null };

/**
 * Ends sessions inside the caller's transaction and announces each end on the revocation
 * channel (delivered on commit, so a rollback announces nothing), for the live channel to close
 * the streams they opened. The building block of sign-out, "end this session", "sign out
 * everywhere" and password change or reset: call it from their transaction. Returns the ids ended.
 */
export async function endSessionsInTransaction(tx: Prisma.TransactionClient, sessions: SessionsToEnd): Promise<string[]> {
  const where: Prisma.UserSessionWhereInput = { userId: sessions.userId, endedAt: null };
  if ("sessionIds" in sessions) {
    if (sessions.sessionIds.length === 0) return [];
    where.id = { in: [...sessions.sessionIds] };
  } else if ("exceptSessionId" in sessions && sessions.exceptSessionId !== null) {
    where.id = { not: sessions.exceptSessionId };
  }
  const ended = await tx.userSession.updateManyAndReturn({ where, data: { endedAt: new Date() }, select: { id: true } });
  if ("all" in sessions) {
    await announceRevocation(tx, { kind: "user", userId: sessions.userId });
  } else {
    // At most MAX_LIVE_SESSIONS_PER_USER of them (start-session.ts keeps it so).
    for (const session of ended) await announceRevocation(tx, { kind: "session", userId: sessions.userId, sessionId: session.id });
  }
  return ended.map((session) => session.id);
}
