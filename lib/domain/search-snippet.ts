// Search snippets come from PostgreSQL's ts_headline over the plain text of a post, with matched
// terms between two control characters instead of HTML tags. This module turns such a string
// into segments the page renders as text nodes and <mark> elements, so no HTML from the
// database ever reaches the page.

/** Start of a matched term in a headline (ts_headline StartSel). */
export const MATCH_START = "\u0001";
/** End of a matched term in a headline (ts_headline StopSel). */
export const MATCH_STOP = "\u0002";

export type SnippetSegment = { text: string; isMatch: boolean };

/**
 * The headline cut into plain and matched segments, adjacent segments of the same kind merged.
 * A stray or unbalanced delimiter is dropped rather than trusted (the server strips them from
 * user text before the headline is built, so they only come from ts_headline).
 */
export function splitMarkedSnippet(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let isMatch = false;
  let current = "";
  const push = () => {
    if (current === "") return;
    const last = segments.at(-1);
    if (last && last.isMatch === isMatch) last.text += current;
    else segments.push({ text: current, isMatch });
    current = "";
  };
  for (const char of headline) {
    if (char === MATCH_START && !isMatch) {
      push();
      isMatch = true;
    } else if (char === MATCH_STOP && isMatch) {
      push();
      isMatch = false;
    } else if (char !== MATCH_START && char !== MATCH_STOP) {
      current += char;
    }
  }
  push();
  return segments;
}

/** Removes the delimiters from user text, so only ts_headline can place them. */
export function stripMatchDelimiters(text: string): string {
  return text.replaceAll(MATCH_START, "").replaceAll(MATCH_STOP, "");
}
