import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { indexTextPositions, type TextPositions } from "../../domain/text-positions.ts";
import { getDb } from "../db.ts";
import { readingNotFound, readingReadScope } from "./reading-access.ts";

/**
 * The reading's text representation: its current paragraphs joined by a blank line ("\n\n"),
 * the text every TextPositionSelector and TextQuoteSelector we write refers to. A reading the
 * actor may not open is the same 404 as a missing one.
 */
export async function loadReadingText({ actor, readingId }: { actor: ActorContext; readingId: string }): Promise<string> {
  const reading = await getDb().reading.findFirst({
    where: { AND: [{ id: readingId }, readingReadScope(actor)] },
    select: { canonicalText: true },
  });
  if (!reading) throw readingNotFound();
  return reading.canonicalText;
}

/**
 * Code point positions of a reading's text, for writing its annotations' TextPositionSelectors.
 * Callers have already checked access to what they write (a missing reading has no positions to
 * convert: an empty index).
 */
export async function loadTextPositions(readingId: string): Promise<TextPositions> {
  const reading = await getDb().reading.findUnique({ where: { id: readingId }, select: { canonicalText: true } });
  return indexTextPositions(reading?.canonicalText ?? "");
}
