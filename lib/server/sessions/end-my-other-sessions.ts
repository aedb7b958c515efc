import "server-only";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "./end-sessions-in-transaction.ts";

/**
 * "Sign out everywhere else": ends every live session of the actor but the one making the
 * request (null, e.g. with an API token: all of them). Returns how many ended.
 */
export async function endMyOtherSessions({
  actorId,
  currentSessionId,
}: {
  actorId: string;
  currentSessionId: string | null;
}): Promise<number> {
  const ended = await getDb().$transaction((tx) => endSessionsInTransaction(tx, { userId: actorId, exceptSessionId: currentSessionId }));
  return ended.length;
}
