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

/** True when the database cannot be reached at all (down, restarting, refused). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const kind = driverErrorKind(error);
  if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
  const message = error instanceof Error ? error.message : "";
  return /ECONNREFUSED|Connection terminated|Can't reach database server|timeout exceeded when trying to connect/i.test(message);
}

/** A unique constraint refused the write (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
