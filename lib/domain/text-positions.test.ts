import { describe, expect, it } from "vitest";
import { indexTextPositions, isInsideSurrogatePair } from "./text-positions.ts";

describe("text positions in code points", () => {
  const text = "Smile 😀 then the 🎉 party: target word here";

  it("[PROTOCOL] a UTF-16 offset after emoji is its code point offset, and back", () => {
    const positions = indexTextPositions(text);
    const utf16 = text.indexOf("target word");
    const codePoint = Array.from(text.slice(0, utf16)).length;
    expect(utf16 - codePoint).toBe(2);
    expect(positions.toCodePoint(utf16)).toBe(codePoint);
    expect(positions.toUtf16(codePoint)).toBe(utf16);
    expect(positions.codePointLength).toBe(Array.from(text).length);
    // Every code point offset maps back to a boundary, and round-trips.
    for (let offset = 0; offset <= positions.codePointLength; offset += 1) {
      const back = positions.toUtf16(offset);
      expect(isInsideSurrogatePair(text, back)).toBe(false);
      expect(positions.toCodePoint(back)).toBe(offset);
      expect(text.slice(0, back)).toBe(Array.from(text).slice(0, offset).join(""));
    }
  });

  it("[PROTOCOL] a text without characters beyond the BMP counts the same in both units", () => {
    const positions = indexTextPositions("plain text, déjà vu");
    expect(positions.toCodePoint(12)).toBe(12);
    expect(positions.toUtf16(12)).toBe(12);
  });

  it("[PROTOCOL] an offset between the halves of a surrogate pair is found", () => {
    const emoji = text.indexOf("😀");
    expect(isInsideSurrogatePair(text, emoji)).toBe(false);
    expect(isInsideSurrogatePair(text, emoji + 1)).toBe(true);
    expect(isInsideSurrogatePair(text, emoji + 2)).toBe(false);
  });
});
