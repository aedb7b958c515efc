import "server-only";
import { getDb } from "../../db.ts";
import { getServerEnv } from "../../env.ts";

// Imports wait their turn on each app instance: at most SCHOLIA_IMPORT_CONCURRENCY worker threads
// at once (default 1, so two cores keep serving pages while a book is read). While an import
// waits or runs here its row's heartbeat moves on, so any instance can tell a live import from
// one whose instance stopped (find-reading-import-status.ts).

type Job = { importId: string | null; run: () => Promise<void> };
type QueueState = { pending: Job[]; running: Set<Job>; heartbeat: ReturnType<typeof setInterval> | null };

export const HEARTBEAT_INTERVAL_MS = 10_000;

const globalForQueue = globalThis as unknown as { scholiaImportQueue?: QueueState };
const state: QueueState = (globalForQueue.scholiaImportQueue ??= { pending: [], running: new Set(), heartbeat: null });

/** Runs `work` when an import slot is free. `importId` names the import whose heartbeat it keeps. */
export function enqueueImportWork<T>(importId: string | null, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    state.pending.push({ importId, run: () => work().then(resolve, reject) });
    pump();
  });
}

/** Imports waiting or running on this instance (for tests and the bench). */
export function importQueueSize(): number {
  return state.pending.length + state.running.size;
}

function pump(): void {
  const limit = getServerEnv().SCHOLIA_IMPORT_CONCURRENCY;
  while (state.running.size < limit && state.pending.length > 0) {
    const job = state.pending.shift()!;
    state.running.add(job);
    void job.run().finally(() => {
      state.running.delete(job);
      pump();
    });
  }
  keepHeartbeat();
}

function keepHeartbeat(): void {
  const busy = state.pending.length + state.running.size > 0;
  if (busy && !state.heartbeat) {
    state.heartbeat = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
    // The heartbeat never keeps a process alive on its own.
    state.heartbeat.unref();
  } else if (!busy && state.heartbeat) {
    clearInterval(state.heartbeat);
    state.heartbeat = null;
  }
}

async function beat(): Promise<void> {
  const ids = [...state.pending, ...state.running].map((job) => job.importId).filter((id): id is string => id !== null);
  if (ids.length === 0) return;
  try {
    await getDb().readingImport.updateMany({
      where: { id: { in: ids }, status: { in: ["QUEUED", "RUNNING"] } },
      data: { heartbeatAt: new Date() },
    });
  } catch {
    // The database is away for a moment: the next beat tries again.
  }
}
