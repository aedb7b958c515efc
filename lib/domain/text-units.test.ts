import { describe, expect, it } from "vitest";
import { firstWords, segmentText, spanOfUnits, unitAt } from "./text-units.ts";

const PARAGRAPH = "The rapid development of technology is welcome. It also brings new threats, e.g. to stability! Does it? Yes.";

describe("sentences and words of a paragraph (Intl.Segmenter)", () => {
  it("[PICKER] sentences are cut where the language cuts them, without their surrounding spaces", () => {
    const sentences = segmentText(PARAGRAPH, "sentence", "en");
    expect(sentences.map((unit) => unit.text)).toEqual([
      "The rapid development of technology is welcome.",
      "It also brings new threats, e.g. to stability!",
      "Does it?",
      "Yes.",
    ]);
    for (const unit of sentences) expect(PARAGRAPH.slice(unit.start, unit.end)).toBe(unit.text);
  });

  it("[PICKER] words are the word-like segments only: no spaces, no punctuation", () => {
    const words = segmentText("Peace, security — and co-operation (2006).", "word", "en");
    expect(words.map((unit) => unit.text)).toEqual(["Peace", "security", "and", "co", "operation", "2006"]);
  });

  it("[PICKER] other scripts are cut by their own rules (Chinese and Japanese sentences, Thai words)", () => {
    expect(segmentText("信息安全很重要。各国应当合作！", "sentence", "zh").map((unit) => unit.text)).toEqual([
      "信息安全很重要。",
      "各国应当合作！",
    ]);
    const thai = segmentText("สวัสดีครับ", "word", "th");
    expect(thai.length).toBeGreaterThan(1);
    expect(thai.map((unit) => unit.text).join("")).toBe("สวัสดีครับ");
  });

  it("[PICKER] a span of units runs from the first's start to the last's end, in either direction", () => {
    const sentences = segmentText(PARAGRAPH, "sentence", "en");
    expect(spanOfUnits(PARAGRAPH, sentences, 2, 1)).toEqual({
      start: sentences[1]!.start,
      end: sentences[2]!.end,
      text: "It also brings new threats, e.g. to stability! Does it?",
    });
    expect(spanOfUnits(PARAGRAPH, sentences, 0, 9)).toBeNull();
  });

  it("[PICKER] the unit at an offset: inside it, in the gap before it, past the end", () => {
    const words = segmentText("one two  three", "word", "en");
    expect(unitAt(words, 0)).toBe(0);
    expect(unitAt(words, 5)).toBe(1);
    expect(unitAt(words, 7)).toBe(2);
    expect(unitAt(words, 99)).toBe(2);
    expect(unitAt([], 3)).toBe(0);
  });

  it("[PICKER] empty and blank text has no units; first words shorten long text", () => {
    expect(segmentText("", "sentence")).toEqual([]);
    expect(segmentText("   ", "word")).toEqual([]);
    expect(firstWords("a b c d e f g h i j", 3)).toBe("a b c…");
    expect(firstWords("  short   text ")).toBe("short text");
  });
});
