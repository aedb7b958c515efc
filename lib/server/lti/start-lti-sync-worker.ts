import "server-only";
import { getServerEnv } from "../env.ts";
import { queueChangedScores } from "./queue-changed-scores.ts";
import { sendDueScores } from "./send-due-scores.ts";

const globalForWorker = globalThis as unknown as { scholiaLtiSync?: NodeJS.Timeout | null };

/**
 * Every LTI_SYNC_INTERVAL_SECONDS this instance queues changed grades and sends due ones
 * (the outbox is in PostgreSQL, so a restart loses nothing and instances share the work).
 * instrumentation.ts starts it.
 */
export function startLtiSyncWorker(): void {
  if (globalForWorker.scholiaLtiSync !== undefined) return;
  let seconds: number;
  try {
    seconds = getServerEnv().LTI_SYNC_INTERVAL_SECONDS;
  } catch (error) {
    console.error("[lti] Grade passback is not running:", error instanceof Error ? error.message : error);
    return;
  }
  if (seconds === 0) {
    globalForWorker.scholiaLtiSync = null;
    return;
  }
  let isRunning = false;
  const tick = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      await queueChangedScores();
      await sendDueScores();
    } catch (error) {
      console.error("[lti] Grade passback tick failed:", error instanceof Error ? error.message : error);
    } finally {
      isRunning = false;
    }
  };
  globalForWorker.scholiaLtiSync = setInterval(() => void tick(), seconds * 1000);
  globalForWorker.scholiaLtiSync.unref();
}
