import "server-only";
import { driverErrorKind, isDatabaseUnavailable } from "./database-errors.ts";
import { getDb } from "./db.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";

export type HealthReport = {
  status: "ok" | "degraded";
  checkedAt: string;
  database: {
    status: "up" | "down";
    latencyMs: number | null;
    migrationsApplied: number | null;
    lastMigration: string | null;
    error?: string;
  };
};

const DATABASE_TIMEOUT_MS = 3_000;

/** Pings the database and reads the migration ledger; never throws. */
export async function checkHealth({ db = getDb() }: { db?: PrismaClient } = {}): Promise<HealthReport> {
  const checkedAt = new Date().toISOString();
  const started = performance.now();
  try {
    const rows = await withTimeout(
      db.$queryRaw<{ applied: bigint; last: string | null }[]>`
        SELECT count(*) AS applied, max(migration_name) AS last
        FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      DATABASE_TIMEOUT_MS,
    );
    const latencyMs = Math.round(performance.now() - started);
    const row = rows[0];
    return {
      status: "ok",
      checkedAt,
      database: { status: "up", latencyMs, migrationsApplied: Number(row?.applied ?? 0), lastMigration: row?.last ?? null },
    };
  } catch (error) {
    return {
      status: "degraded",
      checkedAt,
      database: { status: "down", latencyMs: null, migrationsApplied: null, lastMigration: null, error: describeDatabaseError(error) },
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A short reason without connection strings or credentials. */
function describeDatabaseError(error: unknown): string {
  if (isDatabaseUnavailable(error)) return "unreachable";
  const kind = driverErrorKind(error);
  if (kind === "TableDoesNotExist") return "not migrated";
  if (kind === "DatabaseDoesNotExist") return "database missing";
  if (kind === "AuthenticationFailed") return "authentication failed";
  const message = error instanceof Error ? error.message : "";
  if (/no answer within/.test(message)) return message;
  return "query failed";
}
