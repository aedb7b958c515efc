// Describes a range of a reading's canonical text so that it can be found again, and finds it
// again after the text has changed. Pure string work: painting highlights is done elsewhere.
//
// A range is stored twice: as offsets (TextPositionSelector) and as its words with up to
// QUOTE_CONTEXT_LENGTH characters on either side (TextQuoteSelector). Offsets are exact but
// break on any edit before the range; the quote survives edits but may occur more than once.
// Re-anchoring therefore tries, in order:
//   1. the stored offsets, when the quote and both sides of its context are still there;
//   2. the quote itself (whitespace-insensitively), choosing among its occurrences by context
//      and then by distance from the old offsets;
//   3. an approximate match of the quote (approx-string-match, as Hypothesis does), scored by
//      how alike the quote and its context are;
// and otherwise gives up: the annotation becomes an orphan, shown apart, never moved to a guess.

import search from "approx-string-match";

export type TextPositionSelector = { start: number; end: number };
export type TextQuoteSelector = { exact: string; prefix: string; suffix: string };

/** What anchoring needs of a paragraph (ImportedParagraph fits). */
export type ParagraphLayout = { readonly startOffset: number; readonly text: string };

export type AnchorSelectors = { position?: TextPositionSelector | null; quote: TextQuoteSelector };

export type AnchorOptions = {
  /** Lowest acceptable score for a match found by the quote (0..1). Default DEFAULT_MIN_SCORE. */
  minScore?: number;
};

export type AnchorMethod = "position" | "exact-quote" | "fuzzy";

export type AnchorResult =
  | {
      status: "anchored";
      start: number;
      end: number;
      /** "position": at the stored offsets; "exact-quote": the quote, character for character,
       *  elsewhere; "fuzzy": text that differs from the quote (whitespace-only differences included). */
      method: AnchorMethod;
      /** 1 when the quote and both sides of its context were found intact (up to whitespace). */
      score: number;
    }
  | { status: "orphan"; reason: string };

export const QUOTE_CONTEXT_LENGTH = 32;

// Weights from Hypothesis's quote matcher: the quote counts most, each side of the context a
// little less than half as much, and the distance from the old offsets only breaks near-ties
// (the whole text's length away costs 2 of 92 points).
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * 0.75 asks for more than the quote alone. Two unrelated 32-character stretches of the SCO
 * statement score about 0.28 alike (median; 0.375 at the 90th percentile), so the quote found
 * intact among rewritten surroundings scores (50 + 20·0.28 + 20·0.28 + 2) / 92 ≈ 0.69 and is
 * refused, while the quote with one side of its context intact scores ≈ 0.85 and is accepted.
 * A short phrase that occurs many times is then never pinned to an occurrence that nothing
 * around it supports.
 */
export const DEFAULT_MIN_SCORE = 0.75;

/**
 * An approximate match must keep at least three quarters of the quote's characters. Context
 * alone can lift a heavily rewritten quote over DEFAULT_MIN_SCORE (a quote only 60% alike with
 * intact context scores ≈ 0.78); the annotation was about those words, so when most of them
 * changed it becomes an orphan instead of silently highlighting different words.
 */
export const MIN_QUOTE_SIMILARITY = 0.75;

/**
 * Bounds the approximate search. Myers' algorithm, as approx-string-match implements it, does
 * about maxErrors / 32 words of work per character of text whatever the quote's length (the
 * quote only adds linear set-up), so capping the errors — not truncating the quote — is what
 * keeps the cost bounded: measured at ~70 ms for a 2,000-character quote in a 100,000-character
 * text. The whole quote is searched, so a match is checked along its full length; the price is
 * that a quote longer than 512 characters tolerates proportionally fewer changes (256 at most).
 */
const MAX_FUZZY_ERRORS = 256;

const WHITESPACE = /\s/;
const WHITESPACE_RUNS = /\s+/g;

/** Describes [start, end) of canonicalText by offsets and by quote with its context. */
export function describeRange(
  canonicalText: string,
  start: number,
  end: number,
): { position: TextPositionSelector; quote: TextQuoteSelector } {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`A range needs whole-number offsets; got start ${start} and end ${end}.`);
  }
  if (start < 0 || end > canonicalText.length) {
    throw new RangeError(
      `The range ${start}..${end} lies outside the text, which has ${canonicalText.length} characters.`,
    );
  }
  if (start >= end) {
    throw new RangeError(`A range must contain at least one character; got start ${start} and end ${end}.`);
  }
  return {
    position: { start, end },
    quote: {
      exact: canonicalText.slice(start, end),
      prefix: canonicalText.slice(Math.max(0, start - QUOTE_CONTEXT_LENGTH), start),
      suffix: canonicalText.slice(end, end + QUOTE_CONTEXT_LENGTH),
    },
  };
}

/** Index of the paragraph whose text contains the character at offset; -1 for an offset in a
 *  separator, before the text or at/after its end. Paragraphs must be in reading order. */
export function findParagraphForOffset(paragraphs: readonly ParagraphLayout[], offset: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (paragraphs[middle]!.startOffset <= offset) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (candidate === -1) return -1;
  const paragraph = paragraphs[candidate]!;
  return offset < paragraph.startOffset + paragraph.text.length ? candidate : -1;
}

/** Indices of the paragraphs that share at least one character with [start, end). A range that
 *  crosses paragraphs also covers the separators between them; those belong to no paragraph. */
export function paragraphsSpanned(paragraphs: readonly ParagraphLayout[], start: number, end: number): number[] {
  const indices: number[] = [];
  if (!(start < end)) return indices;
  paragraphs.forEach((paragraph, index) => {
    const paragraphEnd = paragraph.startOffset + paragraph.text.length;
    if (paragraph.startOffset < end && start < paragraphEnd) indices.push(index);
  });
  return indices;
}

/** Finds a described range in (possibly changed) canonical text. Never returns a range outside
 *  the text or an empty one; what cannot be placed with confidence is an orphan. */
export function anchor(canonicalText: string, selectors: AnchorSelectors, options: AnchorOptions = {}): AnchorResult {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const { quote } = selectors;
  const position = selectors.position ?? null;
  if (quote.exact.length === 0) return orphan("The stored quote is empty: there is nothing to look for.");

  // 1. Nothing changed around the range: offsets, quote and both sides of the context agree.
  //    Checking the context too matters for repeated phrases: an edit that shifts the text by
  //    the distance between two occurrences puts the other occurrence at the old offsets.
  if (
    position !== null &&
    isRangeInside(canonicalText, position.start, position.end) &&
    canonicalText.slice(position.start, position.end) === quote.exact &&
    canonicalText.slice(Math.max(0, position.start - quote.prefix.length), position.start) === quote.prefix &&
    canonicalText.slice(position.end, position.end + quote.suffix.length) === quote.suffix
  ) {
    return { status: "anchored", start: position.start, end: position.end, method: "position", score: 1 };
  }

  // Matching is done on the text with every run of whitespace folded to one space, so that
  // re-wrapped lines, doubled spaces or a paragraph break turned into a space cost nothing.
  const folded = foldWhitespace(canonicalText);
  const foldedQuote = foldText(quote.exact);
  if (foldedQuote.trim() === "") return orphan("The stored quote is only whitespace: there is nothing to look for.");
  const context: MatchContext = {
    canonicalText,
    folded,
    foldedQuote,
    prefix: foldText(quote.prefix),
    suffix: foldText(quote.suffix),
    hint: position !== null && Number.isFinite(position.start) ? position.start : null,
    quoteStartsWithSpace: WHITESPACE.test(quote.exact[0]!),
    quoteEndsWithSpace: WHITESPACE.test(quote.exact.at(-1)!),
  };

  // 2. The quote itself.
  const occurrences = findOccurrences(folded.text, foldedQuote);
  if (occurrences.length > 0) {
    const best = pickBest(occurrences.map((match) => scoreMatch(context, match)));
    // A quote as long as its context, found exactly once, needs no support from its
    // surroundings: such a coincidence is implausible.
    const isSelfEvident = occurrences.length === 1 && foldedQuote.length >= QUOTE_CONTEXT_LENGTH;
    if (best && (best.score >= minScore || isSelfEvident)) return accept(canonicalText, quote, position, best);
    return orphan(
      `The quote occurs ${countOf(occurrences.length)}, but nowhere with its surrounding text ` +
        `(best score ${formatScore(best?.score ?? 0)}, below ${formatScore(minScore)}).`,
    );
  }

  // 3. An approximate match. approx-string-match returns only the matches with the fewest
  //    errors; when the quote occurs intact, step 2 has already decided.
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(foldedQuote.length / 2));
  if (maxErrors === 0) return orphan("The quote no longer occurs in the text.");
  const matches = search(folded.text, foldedQuote, maxErrors);
  const best = pickBest(matches.map((match) => scoreMatch(context, match)));
  if (!best) return orphan(`Nothing in the text is within ${maxErrors} changes of the quote.`);
  if (best.quoteSimilarity < MIN_QUOTE_SIMILARITY) {
    return orphan(
      `The closest text keeps only ${formatScore(best.quoteSimilarity)} of the quote ` +
        `(at least ${formatScore(MIN_QUOTE_SIMILARITY)} is needed).`,
    );
  }
  if (best.score < minScore) {
    return orphan(
      `The closest text scores ${formatScore(best.score)} with its context, below ${formatScore(minScore)}.`,
    );
  }
  return accept(canonicalText, quote, position, best);
}

type FoldedText = {
  text: string;
  /** For each folded character, the span of canonical text it stands for. */
  rawStarts: number[];
  rawEnds: number[];
};

type MatchContext = {
  canonicalText: string;
  folded: FoldedText;
  foldedQuote: string;
  prefix: string;
  suffix: string;
  hint: number | null;
  quoteStartsWithSpace: boolean;
  quoteEndsWithSpace: boolean;
};

type FoldedMatch = { start: number; end: number; errors: number };

type ScoredMatch = {
  /** Offsets in the canonical text. */
  start: number;
  end: number;
  quoteSimilarity: number;
  isContextIntact: boolean;
  score: number;
};

function foldText(text: string): string {
  return text.replace(WHITESPACE_RUNS, " ");
}

function foldWhitespace(raw: string): FoldedText {
  const characters: string[] = [];
  const rawStarts: number[] = [];
  const rawEnds: number[] = [];
  let index = 0;
  while (index < raw.length) {
    const character = raw[index]!;
    let next = index + 1;
    if (WHITESPACE.test(character)) {
      while (next < raw.length && WHITESPACE.test(raw[next]!)) next += 1;
      characters.push(" ");
    } else {
      characters.push(character);
    }
    rawStarts.push(index);
    rawEnds.push(next);
    index = next;
  }
  return { text: characters.join(""), rawStarts, rawEnds };
}

function findOccurrences(text: string, pattern: string): FoldedMatch[] {
  const occurrences: FoldedMatch[] = [];
  for (let found = text.indexOf(pattern); found !== -1; found = text.indexOf(pattern, found + 1)) {
    occurrences.push({ start: found, end: found + pattern.length, errors: 0 });
  }
  return occurrences;
}

/** Maps a folded match back to canonical offsets and scores it; null if it maps to nothing. */
function scoreMatch(context: MatchContext, match: FoldedMatch): ScoredMatch | null {
  const { canonicalText, folded } = context;
  if (match.start < 0 || match.end > folded.text.length || match.start >= match.end) return null;
  let start = folded.rawStarts[match.start]!;
  let end = folded.rawEnds[match.end - 1]!;
  // An approximate match may take in a neighbouring space the quote does not have.
  if (!context.quoteStartsWithSpace) while (start < end && WHITESPACE.test(canonicalText[start]!)) start += 1;
  if (!context.quoteEndsWithSpace) while (end > start && WHITESPACE.test(canonicalText[end - 1]!)) end -= 1;
  if (!isRangeInside(canonicalText, start, end)) return null;

  const quoteSimilarity = 1 - match.errors / context.foldedQuote.length;
  const before = folded.text.slice(Math.max(0, match.start - context.prefix.length), match.start);
  const after = folded.text.slice(match.end, match.end + context.suffix.length);
  const prefixSimilarity = similarity(before, context.prefix);
  const suffixSimilarity = similarity(after, context.suffix);
  const proximity = context.hint === null ? 1 : 1 - Math.abs(start - context.hint) / Math.max(1, canonicalText.length);
  const score =
    (QUOTE_WEIGHT * quoteSimilarity +
      PREFIX_WEIGHT * prefixSimilarity +
      SUFFIX_WEIGHT * suffixSimilarity +
      POSITION_WEIGHT * Math.max(0, proximity)) /
    TOTAL_WEIGHT;
  return {
    start,
    end,
    quoteSimilarity,
    isContextIntact: prefixSimilarity === 1 && suffixSimilarity === 1,
    score,
  };
}

/** How much of `expected` survives in `actual`, 0..1 (1 - edit distance / length). A side with no
 *  stored context (a range at the start or end of the text) neither helps nor hurts. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  const matches = search(actual, expected, expected.length);
  if (matches.length === 0) return 0;
  const errors = Math.min(...matches.map((match) => match.errors));
  return Math.max(0, 1 - errors / expected.length);
}

function pickBest(candidates: readonly (ScoredMatch | null)[]): ScoredMatch | null {
  let best: ScoredMatch | null = null;
  for (const candidate of candidates) {
    if (candidate && (best === null || candidate.score > best.score)) best = candidate;
  }
  return best;
}

/** The last check before a range leaves this module: inside the text, not empty, and still the
 *  quote (character for character, or up to whitespace and the allowed changes). */
function accept(
  canonicalText: string,
  quote: TextQuoteSelector,
  position: TextPositionSelector | null,
  match: ScoredMatch,
): AnchorResult {
  if (!isRangeInside(canonicalText, match.start, match.end)) {
    return orphan("The match fell outside the text.");
  }
  const found = canonicalText.slice(match.start, match.end);
  const isExact = found === quote.exact;
  const foundSimilarity = isExact ? 1 : similarity(foldText(found), foldText(quote.exact));
  if (foundSimilarity < MIN_QUOTE_SIMILARITY) {
    return orphan("The text found does not read like the quote.");
  }
  const isAtStoredPosition = position !== null && position.start === match.start && position.end === match.end;
  const method: AnchorMethod = isExact ? (isAtStoredPosition ? "position" : "exact-quote") : "fuzzy";
  const isCertain = match.quoteSimilarity === 1 && match.isContextIntact;
  return { status: "anchored", start: match.start, end: match.end, method, score: isCertain ? 1 : match.score };
}

function isRangeInside(text: string, start: number, end: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length;
}

function orphan(reason: string): AnchorResult {
  return { status: "orphan", reason };
}

function countOf(times: number): string {
  return times === 1 ? "once" : `${times} times`;
}

function formatScore(score: number): string {
  return score.toFixed(2);
}
