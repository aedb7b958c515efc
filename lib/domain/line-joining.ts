// Joining the lines of a printed paragraph back into one text: a space between lines, except where
// a word was hyphenated across the line end. Whether "special-\nization" was one word broken by
// the typesetter or a compound that really has a hyphen ("type-\nspecialized") is decided by the
// document itself: the form it uses elsewhere wins; without evidence, a break before something
// that is not a word of the document ("com-\npile") is the typesetter's, a break before a word
// ("mixed-\nmode") is a real hyphen.

/** How often each word form occurs in the document (lower case; compounds keep their hyphens). */
export type WordCounts = ReadonlyMap<string, number>;

const WORD = /[\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*/gu;
const ENDS_WITH_HYPHENATED_WORD = /([\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*)[-‐]$/u;
const STARTS_WITH_WORD = /^([\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*)/u;

/**
 * Counts the words of every line (lines in their order); the two halves of a word cut by a
 * line-end hyphen are not counted (they are not words).
 */
export function countWords(lines: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  let afterBreak = false;
  for (const line of lines) {
    const isBroken = ENDS_WITH_HYPHENATED_WORD.test(line);
    let body = isBroken ? line.replace(ENDS_WITH_HYPHENATED_WORD, "") : line;
    if (afterBreak) body = body.replace(STARTS_WITH_WORD, "");
    afterBreak = isBroken;
    for (const match of body.matchAll(WORD)) {
      const word = match[0].toLowerCase().replace(/‐/g, "-");
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

/** Appends `next` (a line) to `text` (the paragraph so far). */
export function joinLine(text: string, next: string, counts: WordCounts): string {
  if (text === "") return next;
  if (next === "") return text;
  const broken = ENDS_WITH_HYPHENATED_WORD.exec(text);
  const continuation = STARTS_WITH_WORD.exec(next);
  if (broken && continuation) {
    const head = broken[1]!;
    const tail = continuation[1]!;
    const keepsHyphen = isRealHyphen(head, tail, counts);
    return keepsHyphen ? `${text}${next}` : `${text.slice(0, -1)}${next}`;
  }
  // A dash at the line end joins without a space ("the word—\nthe next"), as does a slash in an address.
  if (/[-‐–—/]$/.test(text)) return `${text}${next}`;
  return `${text} ${next}`;
}

/** Joins a paragraph's lines. */
export function joinLines(lines: readonly string[], counts: WordCounts): string {
  let text = "";
  for (const line of lines) text = joinLine(text, line, counts);
  return text;
}

function isRealHyphen(head: string, tail: string, counts: WordCounts): boolean {
  // "inter-proce-\ndural": the last piece is what was cut.
  const lastPiece = head.split(/[-‐]/).at(-1)!;
  const joined = `${head}${tail}`.toLowerCase();
  const hyphenated = `${head}-${tail}`.toLowerCase();
  const joinedCount = counts.get(joined) ?? 0;
  const hyphenatedCount = counts.get(hyphenated) ?? 0;
  if (hyphenatedCount > joinedCount) return true;
  if (joinedCount > 0) return false;
  // No evidence either way.
  const startsUpper = /^\p{Lu}/u.test(tail);
  if (startsUpper) return true;
  // "mixed-\nmode": the part after the break is a word of its own; "com-\npile", "ac-\ntual" are not.
  return lastPiece.length >= 3 && tail.length >= 3 && (counts.get(tail.toLowerCase()) ?? 0) >= 1;
}
