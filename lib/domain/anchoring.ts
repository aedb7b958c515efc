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
//   3. an approximate match of the quote (Myers' algorithm from approx-string-match, as
//      Hypothesis does), scored by how alike the quote and its context are;
// and otherwise gives up: the annotation becomes an orphan, shown apart, never moved to a guess.
//
// Cost is bounded whatever the input (issue #14: a long prefix once froze the server for
// minutes). With n the text's length and m the quote's (at most MAX_QUOTE_LENGTH):
//   - the context used for matching is at most QUOTE_CONTEXT_LENGTH characters a side, whatever
//     was stored or sent, so comparing one candidate's context is constant work;
//   - exact occurrences are found in one linear pass (Knuth–Morris–Pratt, O(n + m)), prefiltered
//     in O(1) each, and at most MAX_SCORED_CANDIDATES of them are scored in full;
//   - the approximate pass searches at most FUZZY_PATTERN_LENGTH characters of the quote at once
//     (a long quote: its head, then its tail near each head match), so it does at most
//     n · FUZZY_PATTERN_LENGTH / 32 block steps, and computes starts for at most
//     MAX_SCORED_CANDIDATES matches;
//   - a long match is compared with its quote word by word (linear), not character by character.
// So anchor() is O(n + m): anchorWorkBound(n) states its block steps, and anchoring.test.ts
// counts them on the worst inputs we could build (≈ 0.25 µs per character of text measured).

import { findMatchEnds, findMatchStart, type MatchEnd, type WorkMeter } from "./approx-match.ts";

export type TextPositionSelector = { start: number; end: number };
export type TextQuoteSelector = { exact: string; prefix: string; suffix: string };

/** What anchoring needs of a paragraph (ImportedParagraph fits). */
export type ParagraphLayout = { readonly startOffset: number; readonly text: string };

export type AnchorSelectors = { position?: TextPositionSelector | null; quote: TextQuoteSelector };

export type AnchorOptions = {
  /** Lowest acceptable score for a match found by the quote (0..1). Default DEFAULT_MIN_SCORE. */
  minScore?: number;
  /** false: only the quote found character for character (up to whitespace) counts; no step 3. */
  allowFuzzy?: boolean;
  /** Counts the approximate matcher's block steps (for tests of the cost bound). */
  meter?: WorkMeter;
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

/** The longest quote anchoring takes: the longest range a person may annotate. */
export const MAX_QUOTE_LENGTH = 20_000;

/** The longest prefix or suffix a client may send (only its QUOTE_CONTEXT_LENGTH characters next
 *  to the quote are used; a longer one is refused at the edge rather than silently cut). */
export const MAX_CONTEXT_INPUT_LENGTH = 1_000;

/** At most this many candidate places are scored in full (context similarity and proximity). */
const MAX_SCORED_CANDIDATES = 64;

/** The approximate pass matches at most this many characters of the quote at once (16 blocks). */
const FUZZY_PATTERN_LENGTH = 512;

/** Above this length a match is compared with its quote by shared character pairs instead of by edit distance. */
const CHARACTER_COMPARISON_LIMIT = 2 * FUZZY_PATTERN_LENGTH;

/**
 * The stated bound on anchor()'s work in block steps of Myers' algorithm, for a text of n
 * characters: one pass of at most ⌈FUZZY_PATTERN_LENGTH/32⌉ + 1 blocks per character, plus for
 * each of at most MAX_SCORED_CANDIDATES candidates a reverse search (≤ 1.5 patterns), a tail
 * search (a window of ≤ 2 patterns) and two context comparisons, plus one final comparison of
 * at most CHARACTER_COMPARISON_LIMIT characters. Everything else anchor() does is linear string
 * work (folding, Knuth–Morris–Pratt, the shortlist).
 */
export function anchorWorkBound(textLength: number): number {
  const blocks = FUZZY_PATTERN_LENGTH / 32 + 1;
  const perCandidate = 1.5 * FUZZY_PATTERN_LENGTH * blocks + 2 * FUZZY_PATTERN_LENGTH * blocks + 4 * QUOTE_CONTEXT_LENGTH * 2;
  const finalComparison = CHARACTER_COMPARISON_LIMIT * (CHARACTER_COMPARISON_LIMIT / 32 + 1);
  return textLength * blocks + MAX_SCORED_CANDIDATES * perCandidate + finalComparison;
}
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

/** At most this many changes are tolerated in the part of the quote searched approximately
 *  (half of it for shorter quotes). */
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
    throw new RangeError(`The range ${start}..${end} lies outside the text, which has ${canonicalText.length} characters.`);
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
  if (quote.exact.length > MAX_QUOTE_LENGTH) {
    return orphan(`The quote is longer than ${MAX_QUOTE_LENGTH.toLocaleString("en")} characters.`);
  }

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
    // Only the context next to the quote counts, however much was stored or sent.
    prefix: foldText(quote.prefix).slice(-QUOTE_CONTEXT_LENGTH),
    suffix: foldText(quote.suffix).slice(0, QUOTE_CONTEXT_LENGTH),
    hint: position !== null && Number.isFinite(position.start) ? position.start : null,
    quoteStartsWithSpace: WHITESPACE.test(quote.exact[0]!),
    quoteEndsWithSpace: WHITESPACE.test(quote.exact.at(-1)!),
    meter: options.meter,
  };

  // 2. The quote itself.
  const occurrences = findOccurrences(folded.text, foldedQuote);
  if (occurrences.length > 0) {
    const best = pickBest(shortlist(context, occurrences).map((match) => scoreMatch(context, match)));
    // A quote as long as its context, found exactly once, needs no support from its
    // surroundings: such a coincidence is implausible.
    const isSelfEvident = occurrences.length === 1 && foldedQuote.length >= QUOTE_CONTEXT_LENGTH;
    if (best && (best.score >= minScore || isSelfEvident)) return accept(canonicalText, quote, position, best);
    return orphan(
      `The quote occurs ${countOf(occurrences.length)}, but nowhere with its surrounding text ` +
        `(best score ${formatScore(best?.score ?? 0)}, below ${formatScore(minScore)}).`,
    );
  }
  if (options.allowFuzzy === false) return orphan("The quote does not occur in the text.");

  // 3. An approximate match. The matcher reports only the matches with the fewest errors;
  //    when the quote occurs intact, step 2 has already decided.
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(Math.min(foldedQuote.length, FUZZY_PATTERN_LENGTH) / 2));
  if (maxErrors === 0) return orphan("The quote no longer occurs in the text.");
  const best = pickBest(findApproximately(context, maxErrors).map((match) => scoreMatch(context, match)));
  if (!best) return orphan(`Nothing in the text is within ${maxErrors} changes of the quote.`);
  if (best.quoteSimilarity < MIN_QUOTE_SIMILARITY) {
    return orphan(
      `The closest text keeps only ${formatScore(best.quoteSimilarity)} of the quote ` +
        `(at least ${formatScore(MIN_QUOTE_SIMILARITY)} is needed).`,
    );
  }
  if (best.score < minScore) {
    return orphan(`The closest text scores ${formatScore(best.score)} with its context, below ${formatScore(minScore)}.`);
  }
  return accept(canonicalText, quote, position, best, options.meter);
}

type FoldedText = {
  text: string;
  /** For each folded character, the span of canonical text it stands for. */
  rawStarts: Int32Array;
  rawEnds: Int32Array;
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
  meter: WorkMeter | undefined;
};

/** A place in the folded text; `similarity` is how much of the quote it keeps (0..1), when known
 *  otherwise than from `errors`. */
type FoldedMatch = { start: number; end: number; errors: number; similarity?: number };

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
  const rawStarts = new Int32Array(raw.length);
  const rawEnds = new Int32Array(raw.length);
  let folded = 0;
  let index = 0;
  while (index < raw.length) {
    let next = index + 1;
    if (WHITESPACE.test(raw[index]!)) while (next < raw.length && WHITESPACE.test(raw[next]!)) next += 1;
    rawStarts[folded] = index;
    rawEnds[folded] = next;
    folded += 1;
    index = next;
  }
  return { text: foldText(raw), rawStarts: rawStarts.subarray(0, folded), rawEnds: rawEnds.subarray(0, folded) };
}

/** Every occurrence of pattern in text, overlapping ones included, in one linear pass
 *  (Knuth–Morris–Pratt): indexOf from each found position would cost O(n · m) on "aaaa…". */
function findOccurrences(text: string, pattern: string): FoldedMatch[] {
  const occurrences: FoldedMatch[] = [];
  const m = pattern.length;
  if (m === 0 || m > text.length) return occurrences;
  const failure = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i += 1) {
    while (k > 0 && pattern.charCodeAt(i) !== pattern.charCodeAt(k)) k = failure[k - 1]!;
    if (pattern.charCodeAt(i) === pattern.charCodeAt(k)) k += 1;
    failure[i] = k;
  }
  for (let i = 0, k = 0; i < text.length; i += 1) {
    while (k > 0 && text.charCodeAt(i) !== pattern.charCodeAt(k)) k = failure[k - 1]!;
    if (text.charCodeAt(i) === pattern.charCodeAt(k)) k += 1;
    if (k === m) {
      occurrences.push({ start: i - m + 1, end: i + 1, errors: 0 });
      k = failure[k - 1]!;
    }
  }
  return occurrences;
}

/**
 * At most MAX_SCORED_CANDIDATES of the candidates, the likeliest first: ranked by how many
 * characters of the stored prefix and suffix stand intact right beside them (compared outward
 * from the quote, stopping at the first difference, so a wrong place usually costs one
 * comparison), then by distance from the old offsets. Only the shortlist is scored by edit
 * distance.
 */
function shortlist(context: MatchContext, candidates: FoldedMatch[]): FoldedMatch[] {
  if (candidates.length <= MAX_SCORED_CANDIDATES) return candidates;
  const { prefix, suffix, hint } = context;
  const text = context.folded.text;
  const ranked = candidates.map((candidate) => {
    let intact = 0;
    while (
      intact < prefix.length &&
      candidate.start - 1 - intact >= 0 &&
      text.charCodeAt(candidate.start - 1 - intact) === prefix.charCodeAt(prefix.length - 1 - intact)
    )
      intact += 1;
    let after = 0;
    while (
      after < suffix.length &&
      candidate.end + after < text.length &&
      text.charCodeAt(candidate.end + after) === suffix.charCodeAt(after)
    )
      after += 1;
    const distance = hint === null ? 0 : Math.abs(context.folded.rawStarts[candidate.start]! - hint);
    return { candidate, intact: intact + after, distance };
  });
  ranked.sort((a, b) => b.intact - a.intact || a.distance - b.distance || a.candidate.start - b.candidate.start);
  return ranked.slice(0, MAX_SCORED_CANDIDATES).map((entry) => entry.candidate);
}

/**
 * Approximate matches of the quote in the folded text, at most MAX_SCORED_CANDIDATES of them.
 * A quote up to FUZZY_PATTERN_LENGTH characters is searched whole. A longer one is searched by
 * its head; each head match's end is then found by searching the quote's tail just where the
 * quote would end, and the match is judged by the character pairs it shares with the quote.
 */
function findApproximately(context: MatchContext, maxErrors: number): FoldedMatch[] {
  const { folded, foldedQuote, meter } = context;
  const text = folded.text;
  if (foldedQuote.length <= FUZZY_PATTERN_LENGTH) {
    const ends = nearestEnds(findMatchEnds(text, foldedQuote, maxErrors, meter), context, foldedQuote.length);
    return ends.map((end) => findMatchStart(text, foldedQuote, end, meter));
  }
  const head = foldedQuote.slice(0, FUZZY_PATTERN_LENGTH);
  const tail = foldedQuote.slice(-FUZZY_PATTERN_LENGTH);
  const headEnds = nearestEnds(findMatchEnds(text, head, maxErrors, meter), context, head.length);
  const matches: FoldedMatch[] = [];
  for (const headEnd of headEnds) {
    const headMatch = findMatchStart(text, head, headEnd, meter);
    // Where the tail should end if the quote is about as long as it was.
    const expectedEnd = headMatch.start + foldedQuote.length;
    const windowStart = Math.max(headMatch.end, expectedEnd - tail.length - maxErrors);
    const windowEnd = Math.min(text.length, expectedEnd + maxErrors);
    if (windowEnd <= windowStart) continue;
    const tailEnds = findMatchEnds(text.slice(windowStart, windowEnd), tail, maxErrors, meter);
    if (tailEnds.length === 0) continue;
    const tailEnd = tailEnds.reduce((best, end) =>
      Math.abs(windowStart + end.end - expectedEnd) < Math.abs(windowStart + best.end - expectedEnd) ? end : best,
    );
    const end = windowStart + tailEnd.end;
    const similarity = pairSimilarity(text.slice(headMatch.start, end), foldedQuote);
    matches.push({ start: headMatch.start, end, errors: headMatch.errors + tailEnd.errors, similarity });
  }
  return matches;
}

/** The lowest-error match ends nearest to where the quote used to end (the first ones when there
 *  is no old position), at most MAX_SCORED_CANDIDATES. Ends come in ascending order, so the
 *  nearest are found by a binary search and a walk outward, not by sorting them all. */
function nearestEnds(ends: MatchEnd[], context: MatchContext, patternLength: number): MatchEnd[] {
  if (ends.length <= MAX_SCORED_CANDIDATES) return ends;
  if (context.hint === null) return ends.slice(0, MAX_SCORED_CANDIDATES);
  const expectedEnd = context.hint + patternLength;
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ends[middle]!.end < expectedEnd) low = middle + 1;
    else high = middle;
  }
  let left = low - 1;
  let right = low;
  const nearest: MatchEnd[] = [];
  while (nearest.length < MAX_SCORED_CANDIDATES && (left >= 0 || right < ends.length)) {
    const takeLeft = right >= ends.length || (left >= 0 && expectedEnd - ends[left]!.end <= ends[right]!.end - expectedEnd);
    nearest.push(takeLeft ? ends[left--]! : ends[right++]!);
  }
  return nearest.sort((a, b) => a.end - b.end);
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

  const quoteSimilarity = match.similarity ?? 1 - match.errors / context.foldedQuote.length;
  const before = folded.text.slice(Math.max(0, match.start - context.prefix.length), match.start);
  const after = folded.text.slice(match.end, match.end + context.suffix.length);
  const prefixSimilarity = similarity(before, context.prefix, context.meter);
  const suffixSimilarity = similarity(after, context.suffix, context.meter);
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
 *  stored context (a range at the start or end of the text) neither helps nor hurts. Callers pass
 *  short strings (contexts, or texts up to CHARACTER_COMPARISON_LIMIT). */
function similarity(actual: string, expected: string, meter?: WorkMeter): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  // Only the error count is needed, not where the match starts: the ends suffice.
  const matches = findMatchEnds(actual, expected, expected.length, meter);
  if (matches.length === 0) return 0;
  return Math.max(0, 1 - matches[0]!.errors / expected.length);
}

/** How alike two long texts are, in linear time: the Dice coefficient of their multisets of
 *  character pairs (an edit distance between two 20,000-character texts would cost ~12 million
 *  steps). Pairs, not words, so that texts written without spaces are compared too. */
function pairSimilarity(actual: string, expected: string): number {
  const count = (text: string) => {
    const pairs = new Map<number, number>();
    for (let i = 0; i + 1 < text.length; i += 1) {
      const pair = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
      pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
    return pairs;
  };
  const a = count(actual);
  const b = count(expected);
  const sizeA = Math.max(0, actual.length - 1);
  const sizeB = Math.max(0, expected.length - 1);
  let common = 0;
  for (const [pair, value] of b) common += Math.min(value, a.get(pair) ?? 0);
  return sizeA + sizeB === 0 ? 1 : (2 * common) / (sizeA + sizeB);
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
  meter?: WorkMeter,
): AnchorResult {
  if (!isRangeInside(canonicalText, match.start, match.end)) {
    return orphan("The match fell outside the text.");
  }
  const found = canonicalText.slice(match.start, match.end);
  const isExact = found === quote.exact;
  const foldedFound = foldText(found);
  const foldedQuote = foldText(quote.exact);
  const foundSimilarity = isExact
    ? 1
    : Math.max(foldedFound.length, foldedQuote.length) <= CHARACTER_COMPARISON_LIMIT
      ? similarity(foldedFound, foldedQuote, meter)
      : pairSimilarity(foldedFound, foldedQuote);
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
