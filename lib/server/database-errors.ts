import "server-only";

/**
 * The driver adapter's classification of a database failure (e.g. "DatabaseNotReachable",
 * "TableDoesNotExist"), read from a Prisma error; undefined for anything else.
 */
export function driverErrorKind(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null)?.meta;
  const kind = meta?.driverAdapterError?.cause?.kind;
  return typeof kind === "string" ? kind : undefined;
}

/**
 * PostgreSQL's SQLSTATE behind a Prisma error (kind "postgres"), a driver adapter's error thrown
 * as it is (at an interactive transaction's COMMIT), or a raw pg error's code.
 */
export function sqlState(error: unknown): string | undefined {
  type Cause = { code?: unknown; originalCode?: unknown };
  const meta = (error as { meta?: { driverAdapterError?: { cause?: Cause } } } | null)?.meta;
  const cause = meta?.driverAdapterError?.cause ?? (error as { cause?: Cause } | null)?.cause;
  const code = cause?.originalCode ?? cause?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

// Kinds and states that mean "not now" rather than "never": the server is down, restarting,
// shutting down, refusing connections, or cut the session (restart, failover, admin).
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_STATES = new Set([
  "57P01", // admin_shutdown: terminating connection due to administrator command
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up / shutting down / in recovery
  "53300", // too_many_connections
  "53400", // configuration_limit_exceeded
]);
// Prisma codes: P1001 unreachable, P1002 timed out, P1008 socket timeout, P1017 connection
// closed, P2024 pool timeout; and P2028 when a transaction could not start (or finish) in time.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** True when the database cannot serve this request now (down, restarting, refused, saturated). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const kind = driverErrorKind(error);
  if (kind && UNAVAILABLE_KINDS.has(kind)) return true;
  const state = sqlState(error);
  if (state && (state.startsWith("08") || UNAVAILABLE_STATES.has(state))) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNAVAILABLE_PRISMA_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : "";
  if (code === "P2028" && /start a transaction|timeout/i.test(message)) return true;
  return /ECONNREFUSED|ECONNRESET|Connection terminated|Can't reach database server|timeout exceeded when trying to connect|connection error and is not queryable|terminating connection|the database system is (?:starting up|shutting down|in recovery)|Server has closed the connection/i.test(
    message,
  );
}

/** A unique constraint refused the write (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
