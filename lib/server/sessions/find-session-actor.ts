import "server-only";
import { getDb } from "../db.ts";
import { SESSION_LAST_SEEN_RESOLUTION_SECONDS, SESSION_MAX_AGE_SECONDS } from "./session-policy.ts";

export type SessionActor = { id: string; email: string; name: string; sessionId: string };

/**
 * The person behind a session cookie, or null when the session was ended, expired, belongs to
 * someone else or the account is gone. One statement per request (primary-key lookups of the
 * session and the user), which also moves lastSeenAt forward when it is more than a minute old:
 * the UPDATE in the CTE matches no row (and writes nothing) the rest of the time.
 */
export async function findSessionActor({
  userId,
  sessionId,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  now?: Date;
}): Promise<SessionActor | null> {
  // Times are computed here, as Prisma writes them (UTC), not with the database's now().
  const staleBefore = new Date(now.getTime() - SESSION_LAST_SEEN_RESOLUTION_SECONDS * 1000);
  const aliveAfter = new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  const rows = await getDb().$queryRaw<{ id: string; email: string; name: string }[]>`
    WITH touched AS (
      UPDATE "UserSession" SET "lastSeenAt" = ${now}
      WHERE "id" = ${sessionId} AND "userId" = ${userId} AND "endedAt" IS NULL
        AND "lastSeenAt" < ${staleBefore}
        AND "lastSeenAt" > ${aliveAfter}
      RETURNING "id"
    )
    SELECT u."id", u."email", u."name"
    FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId} AND s."userId" = ${userId} AND s."endedAt" IS NULL
      AND s."lastSeenAt" > ${aliveAfter}`;
  const user = rows[0];
  return user ? { ...user, sessionId } : null;
}
