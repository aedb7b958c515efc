// Where the time goes: database work per request (pg_stat counters) and CPU per process.
// PostgreSQL publishes a busy backend's counters only when it has been idle for up to 10 s,
// so each measured window is closed by a pause before the counters are read.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { withClient } from "./lifecycle.ts";
import { round } from "./stats.ts";

export const STATS_SETTLE_MS = 11_000;
/** The transactions our own counter read adds (two SELECTs). */
const COUNTER_READ_TRANSACTIONS = 2;

type TableCounters = { seqScan: number; seqTupRead: number; idxScan: number; idxTupFetch: number };
export type DbCounters = {
  xacts: number;
  tupReturned: number;
  tupFetched: number;
  tupInserted: number;
  tables: Record<string, TableCounters>;
};
type TableWork = { table: string; seqScans: number; seqRowsRead: number; indexScans: number; indexRowsFetched: number };
export type DbWork = {
  requests: number;
  transactions: number;
  rowsReturned: number;
  rowsFetched: number;
  rowsInserted: number;
  tables: TableWork[];
};

export function readDbCounters(databaseUrl: string): Promise<DbCounters> {
  return withClient(databaseUrl, async (client) => {
    const database = await client.query<{ xacts: string; returned: string; fetched: string; inserted: string }>(
      `SELECT (xact_commit + xact_rollback)::text AS xacts, tup_returned::text AS returned, tup_fetched::text AS fetched, tup_inserted::text AS inserted
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    const tables = await client.query<{
      relname: string;
      seq_scan: string | null;
      seq_tup_read: string | null;
      idx_scan: string | null;
      idx_tup_fetch: string | null;
    }>(`SELECT relname, seq_scan::text, seq_tup_read::text, idx_scan::text, idx_tup_fetch::text FROM pg_stat_user_tables`);
    const row = database.rows[0];
    return {
      xacts: Number(row?.xacts ?? 0),
      tupReturned: Number(row?.returned ?? 0),
      tupFetched: Number(row?.fetched ?? 0),
      tupInserted: Number(row?.inserted ?? 0),
      tables: Object.fromEntries(
        tables.rows.map((table) => [
          table.relname,
          {
            seqScan: Number(table.seq_scan ?? 0),
            seqTupRead: Number(table.seq_tup_read ?? 0),
            idxScan: Number(table.idx_scan ?? 0),
            idxTupFetch: Number(table.idx_tup_fetch ?? 0),
          },
        ]),
      ),
    };
  });
}

export function dbWorkPerRequest(before: DbCounters, after: DbCounters, requests: number): DbWork {
  const per = (value: number) => round(value / Math.max(1, requests), 1);
  const tables: TableWork[] = [];
  for (const [table, now] of Object.entries(after.tables)) {
    const then = before.tables[table] ?? { seqScan: 0, seqTupRead: 0, idxScan: 0, idxTupFetch: 0 };
    const work = {
      table,
      seqScans: per(now.seqScan - then.seqScan),
      seqRowsRead: per(now.seqTupRead - then.seqTupRead),
      indexScans: per(now.idxScan - then.idxScan),
      indexRowsFetched: per(now.idxTupFetch - then.idxTupFetch),
    };
    if (work.seqScans + work.indexScans > 0) tables.push(work);
  }
  tables.sort((a, b) => b.seqRowsRead + b.indexRowsFetched - (a.seqRowsRead + a.indexRowsFetched));
  return {
    requests,
    transactions: per(after.xacts - before.xacts - COUNTER_READ_TRANSACTIONS),
    rowsReturned: per(after.tupReturned - before.tupReturned),
    rowsFetched: per(after.tupFetched - before.tupFetched),
    rowsInserted: per(after.tupInserted - before.tupInserted),
    tables,
  };
}

type CpuSnapshot = { at: number; server: number; postgres: number; bench: number; machine: number };
export type CpuUse = { wallSeconds: number; serverCores: number; postgresCores: number; benchCores: number; otherCores: number };

const clockTicks = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 5_000 });
  const ticks = Number(result.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** CPU seconds so far of the server's process groups, PostgreSQL (every `postgres` process) and this script. Linux only. */
export function cpuSnapshot(serverGroups: readonly (number | undefined)[]): CpuSnapshot | null {
  if (!existsSync("/proc/self/stat")) return null;
  const groups = new Set(serverGroups.filter((pid): pid is number => pid !== undefined));
  let serverTicks = 0;
  let postgresTicks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    if (groups.has(Number(fields[2]))) serverTicks += ticks;
    else if (comm === "postgres") postgresTicks += ticks;
  }
  // Busy time of the whole machine: user, nice, system, irq, softirq, steal (not idle, iowait).
  const cpuLine = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpuLine.trim().split(/\s+/).map(Number);
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    server: serverTicks / clockTicks,
    postgres: postgresTicks / clockTicks,
    bench: (self.user + self.system) / 1e6,
    machine: (user + nice + system + irq + softirq + steal) / clockTicks,
  };
}

export function cpuUse(before: CpuSnapshot | null, after: CpuSnapshot | null): CpuUse | null {
  if (!before || !after) return null;
  const wallSeconds = (after.at - before.at) / 1000;
  const cores = (seconds: number) => round(seconds / wallSeconds, 2);
  const ours = after.server - before.server + (after.postgres - before.postgres) + (after.bench - before.bench);
  return {
    wallSeconds: round(wallSeconds, 2),
    serverCores: cores(after.server - before.server),
    postgresCores: cores(after.postgres - before.postgres),
    benchCores: cores(after.bench - before.bench),
    otherCores: Math.max(0, cores(after.machine - before.machine - ours)),
  };
}
