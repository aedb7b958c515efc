// Matches a reading's current paragraphs to the paragraphs of its edited text, so that an edit
// keeps every paragraph row it can (paragraph threads and the annotations on them stay put).
//
// In order:
//   1. same key → same row (the key is derived from the text, so the paragraph is unchanged; it
//      may have moved or been renumbered);
//   2. a new paragraph that no key matched takes an unmatched old paragraph lying between the
//      rows its neighbours matched (so a paragraph edited in place keeps its row), the most alike
//      by words, if at least MIN_PARAGRAPH_SIMILARITY alike; among equals the nearest position;
//   3. a new paragraph still unmatched is created; an old one still unmatched is retired (its row
//      stays for the posts that point at it).
// Pure: rows in, plan out; the service applies it.

import { anchor, describeRange, findParagraphForOffset, paragraphsSpanned, type AnchorMethod, type ParagraphLayout } from "./anchoring.ts";
import type { ImportedParagraph } from "./reading-import.ts";

export type CurrentParagraph = { id: string; position: number; key: string; text: string; startOffset: number };

export type ParagraphUpdate = {
  id: string;
  position: number;
  key: string;
  text: string;
  startOffset: number;
  /** Whether anything stored changes (an untouched paragraph needs no write). */
  isChanged: boolean;
  /** The text changed (matched by likeness, not by key). */
  isTextChanged: boolean;
};

export type ParagraphPlan = {
  /** One entry per new paragraph, in reading order: the row it becomes (id) or null for a new row. */
  layout: { paragraph: ImportedParagraph; id: string | null }[];
  updates: ParagraphUpdate[];
  creates: ImportedParagraph[];
  /** Ids of the paragraphs the edit removed. */
  retires: string[];
};

/** Below half the words in common, an edited paragraph is a different one (retired + created). */
export const MIN_PARAGRAPH_SIMILARITY = 0.5;

export function planParagraphChanges(current: readonly CurrentParagraph[], next: readonly ImportedParagraph[]): ParagraphPlan {
  const old = [...current].sort((a, b) => a.position - b.position);
  const matchedOld = new Array<number | null>(next.length).fill(null);
  const isOldTaken = new Array<boolean>(old.length).fill(false);

  // 1. By key.
  const oldIndexByKey = new Map(old.map((paragraph, index) => [paragraph.key, index]));
  next.forEach((paragraph, index) => {
    const oldIndex = oldIndexByKey.get(paragraph.key);
    if (oldIndex !== undefined && !isOldTaken[oldIndex]) {
      matchedOld[index] = oldIndex;
      isOldTaken[oldIndex] = true;
    }
  });

  // 2. By likeness, between the neighbours' matches. The bounds are recomputed as matches are
  //    made, so consecutive edited paragraphs pair up in order.
  const wordsOf = old.map((paragraph) => wordCounts(paragraph.text));
  next.forEach((paragraph, index) => {
    if (matchedOld[index] !== null) return;
    const lower = nearestMatch(matchedOld, index, -1) ?? -1;
    const upper = nearestMatch(matchedOld, index, +1) ?? old.length;
    const newWords = wordCounts(paragraph.text);
    let best: { oldIndex: number; similarity: number; distance: number } | null = null;
    for (let oldIndex = lower + 1; oldIndex < upper; oldIndex += 1) {
      if (isOldTaken[oldIndex]) continue;
      const similarity = diceSimilarity(wordsOf[oldIndex]!, newWords);
      if (similarity < MIN_PARAGRAPH_SIMILARITY) continue;
      const distance = Math.abs(old[oldIndex]!.position - paragraph.position);
      if (!best || similarity > best.similarity || (similarity === best.similarity && distance < best.distance)) {
        best = { oldIndex, similarity, distance };
      }
    }
    if (best) {
      matchedOld[index] = best.oldIndex;
      isOldTaken[best.oldIndex] = true;
    }
  });

  const layout: ParagraphPlan["layout"] = [];
  const updates: ParagraphUpdate[] = [];
  const creates: ImportedParagraph[] = [];
  next.forEach((paragraph, index) => {
    const oldIndex = matchedOld[index];
    if (oldIndex === null || oldIndex === undefined) {
      creates.push(paragraph);
      layout.push({ paragraph, id: null });
      return;
    }
    const previous = old[oldIndex]!;
    const isTextChanged = previous.text !== paragraph.text;
    updates.push({
      id: previous.id,
      position: paragraph.position,
      key: paragraph.key,
      text: paragraph.text,
      startOffset: paragraph.startOffset,
      isTextChanged,
      isChanged:
        isTextChanged ||
        previous.position !== paragraph.position ||
        previous.key !== paragraph.key ||
        previous.startOffset !== paragraph.startOffset,
    });
    layout.push({ paragraph, id: previous.id });
  });
  const retires = old.filter((_, index) => !isOldTaken[index]).map((paragraph) => paragraph.id);
  return { layout, updates, creates, retires };
}

/** The old index matched by the nearest new paragraph before (step -1) or after (+1) index. */
function nearestMatch(matchedOld: readonly (number | null)[], index: number, step: -1 | 1): number | null {
  for (let cursor = index + step; cursor >= 0 && cursor < matchedOld.length; cursor += step) {
    const match = matchedOld[cursor];
    if (match !== null && match !== undefined) return match;
  }
  return null;
}

export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Dice coefficient over word multisets: 2·|common| / (|a| + |b|), 0..1. */
export function diceSimilarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const count of a.values()) sizeA += count;
  for (const [word, count] of b) {
    sizeB += count;
    common += Math.min(count, a.get(word) ?? 0);
  }
  return sizeA + sizeB === 0 ? 1 : (2 * common) / (sizeA + sizeB);
}

export type StoredTarget = {
  startOffset: number;
  endOffset: number;
  quoteExact: string;
  quotePrefix: string | null;
  quoteSuffix: string | null;
};

export type ReanchoredTarget =
  | {
      status: "anchored";
      startOffset: number;
      endOffset: number;
      quoteExact: string;
      quotePrefix: string;
      quoteSuffix: string;
      paragraphIndex: number;
      method: AnchorMethod;
    }
  | { status: "orphan"; reason: string };

/**
 * Finds a stored range again in a reading's new text (lib/domain/anchoring.ts) and describes it
 * afresh there: new offsets, the paragraph it now starts in, and the quote with its context as
 * the new text has them (so the position and quote selectors agree again; after a fuzzy match
 * the quote is the words now highlighted). What cannot be placed is an orphan.
 */
export function reanchorTarget(canonicalText: string, paragraphs: readonly ParagraphLayout[], target: StoredTarget): ReanchoredTarget {
  const result = anchor(canonicalText, {
    position: { start: target.startOffset, end: target.endOffset },
    quote: { exact: target.quoteExact, prefix: target.quotePrefix ?? "", suffix: target.quoteSuffix ?? "" },
  });
  if (result.status === "orphan") return result;
  const paragraphIndex = findParagraphForOffset(paragraphs, result.start);
  const spanned = paragraphIndex === -1 ? paragraphsSpanned(paragraphs, result.start, result.end) : [paragraphIndex];
  if (spanned.length === 0) return { status: "orphan", reason: "The text found lies outside every paragraph." };
  const described = describeRange(canonicalText, result.start, result.end);
  return {
    status: "anchored",
    startOffset: described.position.start,
    endOffset: described.position.end,
    quoteExact: described.quote.exact,
    quotePrefix: described.quote.prefix,
    quoteSuffix: described.quote.suffix,
    paragraphIndex: spanned[0]!,
    method: result.method,
  };
}
