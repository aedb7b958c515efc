import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * The advisory lock on a reading's text, held to the end of the transaction: exclusive while an
 * edit rewrites the text and re-anchors its annotations, shared while an annotation is placed on
 * it (so a new annotation is never anchored against a text an edit is replacing).
 */
export async function lockReadingText(tx: Prisma.TransactionClient, readingId: string, mode: "exclusive" | "shared"): Promise<void> {
  const key = `reading-text:${readingId}`;
  if (mode === "exclusive") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${key}))`;
}
