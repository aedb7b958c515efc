import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "./end-sessions-in-transaction.ts";

/**
 * The account page's "End this session": one of the actor's own live sessions (possibly the
 * current one: that signs them out). Another person's session, or one already over, is
 * NOT_FOUND (the same answer either way).
 */
export async function endMySession({ actorId, sessionId }: { actorId: string; sessionId: string }): Promise<void> {
  const ended = await getDb().$transaction((tx) => endSessionsInTransaction(tx, { userId: actorId, sessionIds: [sessionId] }));
  if (ended.length === 0) throw new AppError("NOT_FOUND", "Session not found: it may have ended already.");
}
