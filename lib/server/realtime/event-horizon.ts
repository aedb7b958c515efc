import "server-only";
import type { LivePosition } from "../../domain/live-position.ts";

// The order of the live channel without a lock between writers.
//
// Event ids come from a sequence, taken when a transaction writes its event, not when it commits:
// a slow transaction can commit event 10 after a quick one committed event 11. Instead of making
// writers wait for each other (an advisory lock held to commit serialised every post on a reading,
// a WAL flush each), every event records its transaction's id (txid), and a reader only delivers
// events whose transaction is older than the horizon: the oldest transaction of this database
// still in progress (or, when none is, the next transaction id to be handed out). Every
// transaction below the horizon has ended, so no event can ever appear below it again; events are
// delivered in (txid, id) order, the same order on every app instance.
//
// Read the horizon in its own statement *before* reading events: a transaction in progress when
// the horizon is taken is then either counted (it holds the horizon down) or has ended before the
// events are read (a new statement, a new snapshot, sees what it committed). Transactions of other
// databases on the same server are ignored, so they cannot hold this app's live channel back; one
// of ours that writes for long (a reading edit re-anchoring thousands of annotations) holds
// delivery back until it ends, at most as long as its statement and idle-in-transaction timeouts.

/** One statement: the horizon, a transaction id (bigint). Run it outside any writing transaction. */
export const EVENT_HORIZON_SQL = `
  SELECT LEAST(
    pg_snapshot_xmax(snapshot)::text::bigint,
    (SELECT min(xid::text::bigint) FROM pg_snapshot_xip(snapshot) AS xid
      WHERE (xid::text::bigint % 4294967296) IN (
        SELECT backend_xid::text::bigint FROM pg_stat_activity
         WHERE datname = current_database() AND backend_xid IS NOT NULL))
  )::text AS horizon
  FROM pg_current_snapshot() AS snapshot`;

type RawQuery = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

export async function readEventHorizon(db: RawQuery): Promise<bigint> {
  const rows = await db.$queryRawUnsafe<{ horizon: string }[]>(EVENT_HORIZON_SQL);
  return BigInt(rows[0]!.horizon);
}

/**
 * Where a page rendered now starts listening: every event below the horizon is committed and so
 * in what the page reads next; anything at or above it is replayed (a reader shows an event it
 * already has only once). Read it before the page's data.
 */
export async function readLiveStart(db: RawQuery): Promise<LivePosition> {
  return { txid: await readEventHorizon(db), id: 0n };
}
