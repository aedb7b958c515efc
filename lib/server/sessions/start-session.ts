import "server-only";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "./end-sessions-in-transaction.ts";
import { MAX_LIVE_SESSIONS_PER_USER, SESSION_MAX_AGE_SECONDS, SESSION_USER_AGENT_MAX_LENGTH } from "./session-policy.ts";

/**
 * Starts a session for a person who just proved who they are (sign-in); its id goes into the
 * session cookie. Past MAX_LIVE_SESSIONS_PER_USER, the least recently used sessions end.
 */
export async function startSession({
  userId,
  userAgent,
}: {
  userId: string;
  userAgent: string | null | undefined;
}): Promise<{ sessionId: string }> {
  const session = await getDb().$transaction(async (tx) => {
    const created = await tx.userSession.create({
      data: { userId, userAgent: cleanUserAgent(userAgent) },
      select: { id: true },
    });
    const overflow = await tx.userSession.findMany({
      where: { userId, endedAt: null, lastSeenAt: { gt: new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000) } },
      orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
      skip: MAX_LIVE_SESSIONS_PER_USER,
      select: { id: true },
    });
    if (overflow.length > 0) {
      await endSessionsInTransaction(tx, { userId, sessionIds: overflow.map((row) => row.id).filter((id) => id !== created.id) });
    }
    return created;
  });
  if (Math.random() < 0.02) void pruneDeadSessions();
  return { sessionId: session.id };
}

function cleanUserAgent(userAgent: string | null | undefined): string {
  // Control characters (and NUL, which PostgreSQL refuses) are dropped: this is display text.
  // eslint-disable-next-line no-control-regex
  return (userAgent ?? "").replace(/[\u0000-\u001f\u007f]/g, "").slice(0, SESSION_USER_AGENT_MAX_LENGTH);
}

/** Ended or expired sessions are kept a while (the account page may say "ended"), then removed. */
async function pruneDeadSessions(): Promise<void> {
  const cutoff = new Date(Date.now() - 2 * SESSION_MAX_AGE_SECONDS * 1000);
  await getDb()
    .userSession.deleteMany({ where: { OR: [{ endedAt: { lt: cutoff } }, { lastSeenAt: { lt: cutoff } }] } })
    .catch(() => undefined);
}
