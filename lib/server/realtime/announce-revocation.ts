import "server-only";
import type { Revocation } from "../../domain/live-access.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export { parseRevocation, type Revocation } from "../../domain/live-access.ts";

export const REVOCATIONS_CHANNEL = "scholia_revocations";

/**
 * Announces a revocation inside the caller's transaction (so nothing is announced for a change
 * that rolled back). Every app instance hears it (PostgreSQL NOTIFY, delivered on commit) and
 * ends the live streams it matches at once (issue #14.6; lib/domain/live-access.ts decides which),
 * instead of waiting for the periodic refresh. Call it from every service that takes access away.
 */
export async function announceRevocation(tx: Prisma.TransactionClient, revocation: Revocation): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${REVOCATIONS_CHANNEL}, ${JSON.stringify(revocation)})`;
}
