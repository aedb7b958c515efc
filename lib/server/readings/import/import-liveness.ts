import "server-only";
import { getDb } from "../../db.ts";
import { HEARTBEAT_INTERVAL_MS } from "./import-queue.ts";

/** An import whose heartbeat is older than this has lost the instance that ran it. */
export const STALE_AFTER_MS = 4.5 * HEARTBEAT_INTERVAL_MS;

export const INTERRUPTED_MESSAGE = "The import was interrupted (the server restarted while it ran). Try again: the file is kept.";

/** Marks the import FAILED if it was waiting or running on an instance that stopped. */
export async function failIfInterrupted(importId: string, status: string, heartbeatAt: Date): Promise<boolean> {
  if (status !== "QUEUED" && status !== "RUNNING") return false;
  const cutoff = new Date(Date.now() - STALE_AFTER_MS);
  if (heartbeatAt >= cutoff) return false;
  const { count } = await getDb().readingImport.updateMany({
    where: { id: importId, status: { in: ["QUEUED", "RUNNING"] }, heartbeatAt: { lt: cutoff } },
    data: { status: "FAILED", errorCode: "INTERRUPTED", errorMessage: INTERRUPTED_MESSAGE, finishedAt: new Date() },
  });
  return count > 0;
}
