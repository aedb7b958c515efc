import "server-only";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import type { PaintFilter } from "../../domain/paint-filter.ts";
import { loadReadingWorkspace, type ReadingWorkspace } from "../readings/load-reading-workspace.ts";
import { findAssignedRange } from "../assignments/find-assigned-range.ts";
import { listReadingAssignments } from "../assignments/list-reading-assignments.ts";
import { findSectionAt } from "../../domain/reading-sections.ts";
import { currentParagraphs } from "../readings/current-paragraphs.ts";
import { findReading } from "../readings/find-reading.ts";
import { loadReadingOutline } from "../readings/load-reading-outline.ts";
import { loadReadingUpkeep } from "../readings/load-reading-upkeep.ts";

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
      paragraphs: currentParagraphs({ id: true, position: true, startOffset: true, text: true }),
    },
  });
  return loadReadingWorkspace({ actor: await loadActorContext(userId), reading, courseId, paintFilter });
}

/**
 * Everything the signed-in reading page reads for its reader, in the page's order
 * (app/readings/[id]/page.tsx, from the actor context on; the session and the site header are
 * the layout's): what a test counts the queries of.
 */
export async function loadReadingPageFor(userId: string, readingId: string, courseId: string | null) {
  const actor = await loadActorContext(userId);
  const outline = await loadReadingOutline({ readingId, actor });
  if (!outline) return null;
  const assignments = await listReadingAssignments({ actor, readingId });
  const assigned = courseId ? await findAssignedRange({ actor, readingId, courseId, sections: outline.sections, assignments }) : null;
  const section = findSectionAt(outline.sections, assigned?.from ?? 1);
  const isSectioned = outline.sections.length > 1 && section !== null;
  const reading = await findReading({ readingId, actor, paragraphRange: isSectioned ? { from: section.from, to: section.to } : undefined });
  if (!reading) return null;
  const [workspace, upkeep] = await Promise.all([
    loadReadingWorkspace({ actor, reading, courseId, section: isSectioned ? section : undefined, assignments }),
    loadReadingUpkeep({ actor, reading }),
  ]);
  return workspace ? { workspace, upkeep } : null;
}
