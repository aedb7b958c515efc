import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import type { ImportedParagraph } from "../../domain/reading-import.ts";
import { getDb } from "../db.ts";
import { currentParagraphs } from "./current-paragraphs.ts";
import { readingReadScope } from "./reading-access.ts";

export type ReadingView = {
  id: string;
  slug: string;
  title: string;
  kicker: string | null;
  placeAndDate: string | null;
  issuedOn: Date | null;
  source: string | null;
  isPublic: boolean;
  createdById: string | null;
  version: number;
  /** The paragraphs as imported, with their row ids. */
  paragraphs: (ImportedParagraph & { id: string })[];
  /** The PDF or Word file the reading was imported from (its bytes are served apart). */
  originalFile: { fileName: string; mediaType: string; byteSize: number } | null;
};

/** Paragraph positions from..to, inclusive: one section of a long reading. */
export type ParagraphRange = { from: number; to: number };

/**
 * A reading with its current paragraphs in order — all of them, or those of one range (a section
 * of a long reading) — or null when there is none with that id or the actor may not open it
 * (null actor: signed out, public readings only).
 */
export async function findReading({
  readingId,
  actor,
  paragraphRange,
}: {
  readingId: string;
  actor: ActorContext | null;
  paragraphRange?: ParagraphRange;
}): Promise<ReadingView | null> {
  return getDb().reading.findFirst({
    where: { AND: [{ id: readingId }, readingReadScope(actor)] },
    select: {
      id: true,
      slug: true,
      title: true,
      kicker: true,
      placeAndDate: true,
      issuedOn: true,
      source: true,
      isPublic: true,
      createdById: true,
      version: true,
      paragraphs: currentParagraphs(
        { id: true, position: true, key: true, text: true, startOffset: true, kind: true, level: true, page: true },
        paragraphRange,
      ),
      originalFile: { select: { fileName: true, mediaType: true, byteSize: true } },
    },
  });
}
