import "server-only";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import type { PaintFilter } from "../../domain/paint-filter.ts";
import { loadReadingWorkspace, type ReadingWorkspace } from "../readings/load-reading-workspace.ts";

/**
 * The reading page's workspace for a user, as the page loads it, with the reading read as it is
 * (the page has checked that the reader may open it; these tests check what the workspace itself
 * refuses).
 */
export async function loadWorkspaceFor(
  userId: string,
  readingId: string,
  courseId: string | null,
  paintFilter?: PaintFilter,
): Promise<ReadingWorkspace | null> {
  const reading = await getDb().reading.findUniqueOrThrow({
    where: { id: readingId },
    select: {
      id: true,
      version: true,
      paragraphs: {
        where: { retiredInVersion: null },
        orderBy: { position: "asc" },
        select: { id: true, position: true, startOffset: true, text: true },
      },
    },
  });
  return loadReadingWorkspace({ actor: await loadActorContext(userId), reading, courseId, paintFilter });
}
