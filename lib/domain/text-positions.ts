// The Web Annotation model counts TextPositionSelector offsets in Unicode code points
// (§4.2.4), while Scholia stores them as JavaScript string (UTF-16) indices. This index converts
// between the two for one text: it records where the text's surrogate pairs are, so a reading
// without characters beyond the Basic Multilingual Plane (most of them) costs nothing.

export type TextPositions = {
  /** The text's length in code points. */
  codePointLength: number;
  /** The code point offset of a UTF-16 offset (one inside a surrogate pair counts as the pair's end). */
  toCodePoint(utf16Offset: number): number;
  /** The UTF-16 offset of a code point offset (which can never fall inside a pair). */
  toUtf16(codePointOffset: number): number;
};

/** True when a UTF-16 offset falls between the two halves of a surrogate pair. */
export function isInsideSurrogatePair(text: string, utf16Offset: number): boolean {
  if (utf16Offset <= 0 || utf16Offset >= text.length) return false;
  const before = text.charCodeAt(utf16Offset - 1);
  const after = text.charCodeAt(utf16Offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** The number of sorted values below a bound. */
function countBelow(values: readonly number[], bound: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function indexTextPositions(text: string): TextPositions {
  // The UTF-16 offset of each pair's low half, and the code point offset just after each pair.
  const lowHalves: number[] = [];
  const afterPairs: number[] = [];
  for (let offset = 1; offset < text.length; offset += 1) {
    if (isInsideSurrogatePair(text, offset)) {
      lowHalves.push(offset);
      afterPairs.push(offset + 1 - lowHalves.length);
    }
  }
  return {
    codePointLength: text.length - lowHalves.length,
    // Each pair whose low half lies before the offset counts one code point less.
    toCodePoint: (utf16Offset) => utf16Offset - countBelow(lowHalves, utf16Offset),
    // Each pair that ends at or before the code point offset adds one UTF-16 unit.
    toUtf16: (codePointOffset) => codePointOffset + countBelow(afterPairs, codePointOffset + 1),
  };
}
