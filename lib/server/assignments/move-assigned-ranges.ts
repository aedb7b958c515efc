import "server-only";
import { moveRangeAfterEdit } from "../../domain/assigned-range.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * After an edit of a reading's text, in its transaction: the assignments that cover part of it
 * follow their paragraphs (lib/domain/assigned-range.ts moveRangeAfterEdit). Kept paragraphs keep
 * their rows, so only a range with a removed end moves: inward, to the nearest kept paragraph that
 * was inside it; a range whose every paragraph was removed is cleared (the whole reading).
 * `before` is the reading's current paragraphs before the edit.
 */
export async function moveAssignedRanges(
  tx: Prisma.TransactionClient,
  {
    readingId,
    before,
    removedIds,
  }: { readingId: string; before: readonly { id: string; position: number }[]; removedIds: readonly string[] },
): Promise<void> {
  if (removedIds.length === 0) return;
  const removed = new Set(removedIds);
  const assignments = await tx.assignment.findMany({
    where: { readingId, OR: [{ firstParagraphId: { in: [...removedIds] } }, { lastParagraphId: { in: [...removedIds] } }] },
    select: { id: true, firstParagraphId: true, lastParagraphId: true },
  });
  for (const assignment of assignments) {
    if (assignment.firstParagraphId === null || assignment.lastParagraphId === null) continue;
    const moved = moveRangeAfterEdit(before, removed, {
      firstParagraphId: assignment.firstParagraphId,
      lastParagraphId: assignment.lastParagraphId,
    });
    await tx.assignment.update({
      where: { id: assignment.id },
      data: moved ?? { rangeKind: null, firstPage: null, lastPage: null, firstParagraphId: null, lastParagraphId: null },
    });
  }
}
