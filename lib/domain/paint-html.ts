// A paragraph's highlights as one HTML string: the text cut into segments (highlight-segments.ts),
// each highlighted segment a <mark>. The reading page caches these strings per audience
// (lib/server/readings/reading-layers.ts) and sends them as they are, instead of thousands of React
// elements per request.
//
// Only this module writes the markup, and everything in it is either fixed or escaped: the text is
// the reading's plain text (escaped), the colour one of ANNOTATION_COLORS (anything else paints
// yellow), the numbers are numbers. No stored HTML passes through.

import { ANNOTATION_COLORS, type AnnotationColor } from "./annotation-constants.ts";
import { segmentParagraph, type HighlightRange, type ParagraphSpan } from "./highlight-segments.ts";

export type PaintedParagraph = {
  /** The <p>'s inner HTML: text and <mark> elements. */
  html: string;
  /** The overlap counts that occur, ascending: each needs its spoken description (describedById). */
  overlapCounts: number[];
};

const COLORS: ReadonlySet<string> = new Set(ANNOTATION_COLORS);

/** The id of the visually hidden text (one per page) a mark covering `count` highlights points to. */
export function describedById(count: number): string {
  return `hl${count}`;
}

/**
 * Marks carry only what the page needs: a colour (the most recently started highlight's) and its
 * spoken description, one per page and overlap count (the style of an overlap keys on it too). Where a segment starts is
 * where it sits in its paragraph's text (the browser measures it when the margin needs it). Markup
 * stays proportional to the text, not to the number of annotations.
 */
export function paintParagraphHtml(
  paragraph: ParagraphSpan & { position: number },
  ranges: readonly HighlightRange[],
  colorOf: (id: string) => string | null | undefined,
): PaintedParagraph {
  const counts = new Set<number>();
  let html = "";
  for (const segment of segmentParagraph(paragraph, ranges)) {
    const count = segment.annotationIds.length;
    if (count === 0) {
      html += escapeText(segment.text);
      continue;
    }
    counts.add(count);
    const color = paintColor(colorOf(segment.annotationIds[count - 1]!));
    html += `<mark class="hl hl-${color}" aria-describedby="${describedById(count)}">` + `${escapeText(segment.text)}</mark>`;
  }
  return { html, overlapCounts: [...counts].sort((a, b) => a - b) };
}

export function paintColor(color: string | null | undefined): AnnotationColor {
  return color && COLORS.has(color) ? (color as AnnotationColor) : "yellow";
}

/** Text content for HTML: the three characters that could start markup or an entity. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (character) => (character === "&" ? "&amp;" : character === "<" ? "&lt;" : "&gt;"));
}
