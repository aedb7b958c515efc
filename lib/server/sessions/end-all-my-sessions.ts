import "server-only";
import { getDb } from "../db.ts";
import { endSessionsInTransaction } from "./end-sessions-in-transaction.ts";

/** "Sign out everywhere": ends every live session of the actor, this one included. Returns how many ended. */
export async function endAllMySessions({ actorId }: { actorId: string }): Promise<number> {
  const ended = await getDb().$transaction((tx) => endSessionsInTransaction(tx, { userId: actorId, all: true }));
  return ended.length;
}
