import "server-only";
import { getDb } from "../db.ts";
import { currentParagraphs } from "./current-paragraphs.ts";

/** A reading's text and current paragraphs at one version: what a new annotation is anchored against. */
export type ReadingText = {
  id: string;
  canonicalText: string;
  version: number;
  paragraphs: { id: string; position: number; startOffset: number; text: string }[];
  /** True when it came from this instance's memory: a writer must check the version it holds (createAnnotation does, under the text's lock). */
  isCached: boolean;
};

// Kept per instance, per reading, at the version last read: every new annotation used to read the
// whole text and its paragraphs again (a 352-page book: 1.5 MB per post; issue #12). A text changes
// only by an edit, which raises its version; the writer compares versions under the text's lock and
// reads again when they differ, so a kept text is never used to anchor against a newer one.
const MAX_CHARACTERS = 8_000_000;
const texts = new Map<string, Omit<ReadingText, "isCached">>();

/** The reading's text, from memory unless `fresh`; null when there is no such reading. */
export async function loadReadingText(readingId: string, { fresh = false }: { fresh?: boolean } = {}): Promise<ReadingText | null> {
  const kept = fresh ? undefined : texts.get(readingId);
  if (kept) {
    // Least recently used last.
    texts.delete(readingId);
    texts.set(readingId, kept);
    return { ...kept, isCached: true };
  }
  const reading = await getDb().reading.findUnique({
    where: { id: readingId },
    select: {
      id: true,
      canonicalText: true,
      version: true,
      paragraphs: currentParagraphs({ id: true, position: true, startOffset: true, text: true }),
    },
  });
  if (!reading) {
    texts.delete(readingId);
    return null;
  }
  texts.delete(readingId);
  texts.set(readingId, reading);
  let characters = 0;
  for (const text of texts.values()) characters += text.canonicalText.length * 2;
  for (const [id, text] of texts) {
    if (characters <= MAX_CHARACTERS || id === readingId) break;
    characters -= text.canonicalText.length * 2;
    texts.delete(id);
  }
  return { ...reading, isCached: false };
}
