import "server-only";
import { getDb } from "../db.ts";
import { MAX_LIVE_SESSIONS_PER_USER, SESSION_MAX_AGE_SECONDS } from "./session-policy.ts";

export type SessionSummary = { id: string; createdAt: Date; lastSeenAt: Date; userAgent: string; isCurrent: boolean };

/**
 * The actor's live sessions for the account page, most recently used first, the current one
 * marked (currentSessionId: the actor's, from getActor; null with an API token). At most
 * MAX_LIVE_SESSIONS_PER_USER exist.
 */
export async function listMySessions({
  actorId,
  currentSessionId,
}: {
  actorId: string;
  currentSessionId: string | null;
}): Promise<SessionSummary[]> {
  const sessions = await getDb().userSession.findMany({
    where: { userId: actorId, endedAt: null, lastSeenAt: { gt: new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000) } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: MAX_LIVE_SESSIONS_PER_USER,
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
  });
  return sessions.map((session) => ({ ...session, isCurrent: session.id === currentSessionId }));
}
