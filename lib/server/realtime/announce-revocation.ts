import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";

export const REVOCATIONS_CHANNEL = "scholia_revocations";

/**
 * What was taken back. Every app instance hears it (PostgreSQL NOTIFY, delivered on commit) and
 * ends the live streams it matches at once (issue #14.6), instead of waiting for the periodic
 * refresh:
 * - `session`: one signed-in session (sign-out, or a session ended from the account page);
 * - `user`: every session and token of a person (sign out everywhere, password change, account
 *   deletion);
 * - `token`: one personal API token (revoked);
 * - `membership`: a person's access to one course (removed from it, or the course archived or
 *   deleted); their streams of that course end.
 */
export type Revocation =
  | { kind: "session"; userId: string; sessionId: string }
  | { kind: "user"; userId: string }
  | { kind: "token"; userId: string; tokenId: string }
  | { kind: "membership"; userId: string; courseId: string };

/**
 * Announces a revocation inside the caller's transaction (so nothing is announced for a change
 * that rolled back). Call it from every service that takes access away; the live channel
 * (event-bus.ts) listens on REVOCATIONS_CHANNEL.
 */
export async function announceRevocation(tx: Prisma.TransactionClient, revocation: Revocation): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${REVOCATIONS_CHANNEL}, ${JSON.stringify(revocation)})`;
}

/** Reads a notification's payload; null for anything that is not a Revocation. */
export function parseRevocation(payload: string | undefined): Revocation | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<Record<string, unknown>>;
    if (typeof value.userId !== "string") return null;
    if (value.kind === "user") return { kind: "user", userId: value.userId };
    if (value.kind === "session" && typeof value.sessionId === "string")
      return { kind: "session", userId: value.userId, sessionId: value.sessionId };
    if (value.kind === "token" && typeof value.tokenId === "string") return { kind: "token", userId: value.userId, tokenId: value.tokenId };
    if (value.kind === "membership" && typeof value.courseId === "string")
      return { kind: "membership", userId: value.userId, courseId: value.courseId };
    return null;
  } catch {
    return null;
  }
}
