import "server-only";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "./end-sessions-in-transaction.ts";

/**
 * Ends one session at sign-out (next-auth's signOut event, with the ids from the cookie being
 * cleared). Ending a session that is already over, or someone else's, does nothing.
 */
export async function endSession({ userId, sessionId }: { userId: string; sessionId: string }): Promise<void> {
  await getDb().$transaction((tx) => endSessionsInTransaction(tx, { userId, sessionIds: [sessionId] }));
}
