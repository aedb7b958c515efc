// How much work an HTML body would be to parse, measured without parsing it. A DOM parser's work
// grows with the elements it builds (happy-dom and ProseMirror's DOMParser take about a tenth of a
// millisecond each) and both recurse with their nesting (about 2,000 nested elements overflow the
// stack). Every element a parser builds starts at a "<" in the text, so the number of "<"
// bounds both the elements and their nesting, whatever the parser makes of quotes, comments,
// odd tag names or implied end tags (happy-dom, for one, reads "<<x>" as an element named "<").
// Text should write "<" as "&lt;", so a real comment has few of them.

/** How many "<" the text holds (counting stops past `stopAfter`): at least the elements any parse of it builds. */
export function countPossibleElements(html: string, stopAfter = Number.POSITIVE_INFINITY): number {
  let count = 0;
  let index = html.indexOf("<");
  while (index >= 0 && count <= stopAfter) {
    count += 1;
    index = html.indexOf("<", index + 1);
  }
  return count;
}
