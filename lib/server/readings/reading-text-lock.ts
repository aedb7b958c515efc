import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { POST_CAP_SETTING } from "../quotas/require-room-for-post.ts";

/**
 * The advisory lock on a reading's text, held to the end of the transaction: exclusive while an
 * edit rewrites the text and re-anchors its annotations, shared while an annotation is placed on
 * it (so a new annotation is never anchored against a text an edit is replacing).
 */
export async function lockReadingText(
  tx: Prisma.TransactionClient,
  readingId: string,
  mode: "exclusive" | "shared",
  /** A new post's transaction: arm the post cap (armPostCap) in the same round trip. */
  { postCap }: { postCap?: string } = {},
): Promise<void> {
  const key = `reading-text:${readingId}`;
  if (mode === "exclusive") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  else if (postCap !== undefined)
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${key})), set_config(${POST_CAP_SETTING}, ${postCap}, true)`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${key}))`;
}
