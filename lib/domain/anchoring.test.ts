import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  anchor,
  anchorWorkBound,
  DEFAULT_MIN_SCORE,
  describeRange,
  findParagraphForOffset,
  MIN_QUOTE_SIMILARITY,
  paragraphsSpanned,
  QUOTE_CONTEXT_LENGTH,
  type AnchorResult,
} from "./anchoring";
import { importReading, PARAGRAPH_SEPARATOR } from "./reading-import";

const statementPath = path.resolve(import.meta.dirname, "../../content/readings/sco-2006-international-information-security.txt");
const reading = importReading(readFileSync(statementPath));
const text = reading.canonicalText;
const paragraphs = reading.paragraphs;
const paragraphTexts = paragraphs.map((paragraph) => paragraph.text);

/** Offset of the n-th (0-based) occurrence of phrase in source; fails the test if there is none. */
function offsetOf(phrase: string, occurrence = 0, source = text): number {
  let found = -1;
  for (let seen = 0; seen <= occurrence; seen += 1) {
    found = source.indexOf(phrase, found + 1);
    if (found === -1) throw new Error(`"${phrase}" does not occur ${occurrence + 1} time(s)`);
  }
  return found;
}

function describePhrase(phrase: string, occurrence = 0) {
  const start = offsetOf(phrase, occurrence);
  return describeRange(text, start, start + phrase.length);
}

/** Replaces the single occurrence of `from`; fails the test if it occurs other than once. */
function replaceOnce(source: string, from: string, to: string): string {
  const at = source.indexOf(from);
  if (at === -1 || source.indexOf(from, at + 1) !== -1) throw new Error(`"${from}" must occur exactly once`);
  return source.slice(0, at) + to + source.slice(at + from.length);
}

function insertAt(source: string, offset: number, inserted: string): string {
  return source.slice(0, offset) + inserted + source.slice(offset);
}

function withoutParagraph(index: number): string {
  return paragraphTexts.filter((_, position) => position !== index).join(PARAGRAPH_SEPARATOR);
}

function expectAnchored(result: AnchorResult, start: number, end: number, method: string) {
  expect(result).toMatchObject({ status: "anchored", start, end, method });
  if (result.status !== "anchored") throw new Error("unreachable");
  return result;
}

function expectOrphan(result: AnchorResult): string {
  expect(result.status).toBe("orphan");
  if (result.status !== "orphan") throw new Error("unreachable");
  expect(result.reason.length).toBeGreaterThan(10);
  return result.reason;
}

const WMD = "weapons of mass destruction";
const WMD_START = 2552;
const INFOSEC = "information security";
// The fourth of eight occurrences: "…potential threats in the field of information security, taking…"
const INFOSEC_MIDDLE = 3;
const INFOSEC_MIDDLE_START = 3509;
const INSERTED_SENTENCE = "The heads of state also recall the earlier statements of the Organisation on this question. ";

describe("describeRange", () => {
  it("[ANCHORING] a range is described by its offsets, its words and 32 characters either side", () => {
    const described = describePhrase(WMD);
    expect(described.position).toEqual({ start: WMD_START, end: WMD_START + WMD.length });
    expect(described.quote.exact).toBe(WMD);
    expect(described.quote.prefix).toBe("o that resulted from the use of ");
    expect(described.quote.prefix).toHaveLength(QUOTE_CONTEXT_LENGTH);
    // The paragraph ends one character after the quote: the suffix runs on across the separator.
    expect(described.quote.suffix).toBe(".\n\nThe heads of state emphasise ");
  });

  it("[ANCHORING] context is cut short at the start and at the end of the text", () => {
    expect(describeRange(text, 0, 9).quote).toEqual({ exact: "The heads", prefix: "", suffix: text.slice(9, 41) });
    const lastWords = "framework of the SCO.";
    const atEnd = describeRange(text, text.length - lastWords.length, text.length);
    expect(atEnd.quote.exact).toBe(lastWords);
    expect(atEnd.quote.suffix).toBe("");
    expect(atEnd.quote.prefix).toBe(text.slice(text.length - lastWords.length - 32, text.length - lastWords.length));
  });

  it("[ANCHORING] an empty, reversed, fractional or out-of-text range is refused with a RangeError", () => {
    expect(() => describeRange(text, 10, 10)).toThrow(
      new RangeError("A range must contain at least one character; got start 10 and end 10."),
    );
    expect(() => describeRange(text, 12, 10)).toThrow(RangeError);
    expect(() => describeRange(text, -1, 10)).toThrow(/outside the text, which has 4962 characters/);
    expect(() => describeRange(text, 10, text.length + 1)).toThrow(/outside the text/);
    expect(() => describeRange(text, 1.5, 10)).toThrow(/whole-number offsets/);
    expect(() => describeRange(text, 0, Number.NaN)).toThrow(RangeError);
    expect(() => describeRange("", 0, 0)).toThrow(RangeError);
  });
});

describe("findParagraphForOffset and paragraphsSpanned", () => {
  const second = paragraphs[1]!;
  const secondEnd = second.startOffset + second.text.length;

  it("[ANCHORING] an offset belongs to the paragraph whose text holds that character", () => {
    expect(findParagraphForOffset(paragraphs, 0)).toBe(0);
    expect(findParagraphForOffset(paragraphs, second.startOffset)).toBe(1);
    expect(findParagraphForOffset(paragraphs, secondEnd - 1)).toBe(1);
    expect(findParagraphForOffset(paragraphs, WMD_START)).toBe(4);
    expect(findParagraphForOffset(paragraphs, text.length - 1)).toBe(9);
  });

  it("[ANCHORING] the separator, the text end and offsets outside the text belong to no paragraph", () => {
    expect(text.slice(secondEnd, secondEnd + 2)).toBe("\n\n");
    expect(findParagraphForOffset(paragraphs, secondEnd)).toBe(-1);
    expect(findParagraphForOffset(paragraphs, secondEnd + 1)).toBe(-1);
    expect(findParagraphForOffset(paragraphs, secondEnd + 2)).toBe(2);
    expect(findParagraphForOffset(paragraphs, text.length)).toBe(-1);
    expect(findParagraphForOffset(paragraphs, -1)).toBe(-1);
    expect(findParagraphForOffset([], 0)).toBe(-1);
  });

  it("[ANCHORING] a range spans every paragraph it shares a character with, separators included", () => {
    expect(paragraphsSpanned(paragraphs, WMD_START, WMD_START + WMD.length)).toEqual([4]);
    // "…resource of a country.\n\nThe heads of state believe…"
    expect(paragraphsSpanned(paragraphs, secondEnd - 8, secondEnd + 11)).toEqual([1, 2]);
    expect(paragraphsSpanned(paragraphs, paragraphs[3]!.startOffset + 5, paragraphs[6]!.startOffset + 5)).toEqual([3, 4, 5, 6]);
    expect(paragraphsSpanned(paragraphs, 0, text.length)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("[ANCHORING] a range ending where a paragraph starts, or lying in a separator, does not span it", () => {
    // End offsets are exclusive: ending at the next paragraph's first character stops before it.
    expect(paragraphsSpanned(paragraphs, secondEnd - 8, secondEnd + 2)).toEqual([1]);
    expect(paragraphsSpanned(paragraphs, secondEnd, secondEnd + 2)).toEqual([]);
    expect(paragraphsSpanned(paragraphs, secondEnd + 1, secondEnd + 6)).toEqual([2]);
    expect(paragraphsSpanned(paragraphs, text.length - 4, text.length)).toEqual([9]);
    expect(paragraphsSpanned(paragraphs, 10, 10)).toEqual([]);
    expect(paragraphsSpanned(paragraphs, 20, 10)).toEqual([]);
  });
});

describe("anchor on the SCO 2006 statement", () => {
  const wmd = describePhrase(WMD);
  const infosec = describePhrase(INFOSEC, INFOSEC_MIDDLE);

  it("[ANCHORING] the fixture offsets are the ones the tests rely on", () => {
    expect(offsetOf(WMD)).toBe(WMD_START);
    expect(infosec.position.start).toBe(INFOSEC_MIDDLE_START);
    expect(infosec.quote).toEqual({
      exact: INFOSEC,
      prefix: "tential threats in the field of ",
      suffix: ", taking collective actions to e",
    });
  });

  it("[ANCHORING] an unchanged text anchors by position at the same offsets", () => {
    expectAnchored(anchor(text, wmd), WMD_START, WMD_START + WMD.length, "position");
    const result = expectAnchored(anchor(text, infosec), INFOSEC_MIDDLE_START, INFOSEC_MIDDLE_START + INFOSEC.length, "position");
    expect(result.score).toBe(1);
  });

  it("[ANCHORING] an edit after the range leaves it anchored by position", () => {
    const edited = replaceOnce(text, "Resolution 60/45", "Resolution 60/45 (2005)");
    expectAnchored(anchor(edited, wmd), WMD_START, WMD_START + WMD.length, "position");
  });

  it("[ANCHORING] a sentence inserted before the quote shifts it: found by exact quote at the new offset", () => {
    const edited = insertAt(text, paragraphs[2]!.startOffset, INSERTED_SENTENCE);
    const start = WMD_START + INSERTED_SENTENCE.length;
    const result = expectAnchored(anchor(edited, wmd), start, start + WMD.length, "exact-quote");
    expect(edited.slice(result.start, result.end)).toBe(WMD);
    expect(result.score).toBe(1);
  });

  it("[ANCHORING] a sentence inserted right before the quote changes its prefix but not where it is found", () => {
    const edited = replaceOnce(
      text,
      "from the use of weapons",
      "from the use of nuclear, chemical or biological weapons, that is, of weapons",
    );
    const start = offsetOf(WMD, 0, edited);
    expect(start).toBeGreaterThan(WMD_START);
    const result = expectAnchored(anchor(edited, wmd), start, start + WMD.length, "exact-quote");
    expect(result.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    expect(result.score).toBeLessThan(1);
  });

  it("[ANCHORING] a paragraph removed before the quote shifts it back: found by exact quote", () => {
    const edited = withoutParagraph(1);
    const start = WMD_START - paragraphTexts[1]!.length - PARAGRAPH_SEPARATOR.length;
    const result = expectAnchored(anchor(edited, wmd), start, start + WMD.length, "exact-quote");
    expect(edited.slice(result.start, result.end)).toBe(WMD);
  });

  it("[ANCHORING] a stored position beyond the end of a shortened text is not trusted", () => {
    const lastWords = describePhrase("within the framework of the SCO.", 1);
    expect(lastWords.position.end).toBe(text.length);
    const edited = withoutParagraph(0);
    const start = lastWords.position.start - paragraphTexts[0]!.length - 2;
    expectAnchored(anchor(edited, lastWords), start, edited.length, "exact-quote");
  });

  it("[ANCHORING] a corrected typo inside the quote is found by fuzzy matching", () => {
    // The reading was first imported with a typo that a student highlighted; the teacher fixed it.
    const before = replaceOnce(text, WMD, "weapons of mass destuction");
    const described = describeRange(before, WMD_START, WMD_START + "weapons of mass destuction".length);
    const result = expectAnchored(anchor(text, described), WMD_START, WMD_START + WMD.length, "fuzzy");
    expect(text.slice(result.start, result.end)).toBe(WMD);
    expect(result.score).toBeGreaterThan(0.95);
    expect(result.score).toBeLessThan(1);
  });

  it("[ANCHORING] a typo introduced inside the quote is found by fuzzy matching at the changed words", () => {
    const edited = replaceOnce(text, WMD, "weapons of mass destrcution");
    const result = expectAnchored(anchor(edited, wmd), WMD_START, WMD_START + WMD.length, "fuzzy");
    expect(edited.slice(result.start, result.end)).toBe("weapons of mass destrcution");
  });

  it("[ANCHORING] doubled spaces and a line break inside the quote do not lose it", () => {
    const respaced = "weapons  of mass\ndestruction";
    const edited = replaceOnce(text, WMD, respaced);
    const result = expectAnchored(anchor(edited, wmd), WMD_START, WMD_START + respaced.length, "fuzzy");
    expect(edited.slice(result.start, result.end)).toBe(respaced);
    // Whitespace costs nothing and the context is intact.
    expect(result.score).toBe(1);
  });

  it("[ANCHORING] a quote taken from re-wrapped text is found in the text with single spaces", () => {
    const wrapped = replaceOnce(text, "the use of weapons of mass destruction", "the use\nof weapons of\nmass destruction");
    const start = offsetOf("weapons of\nmass", 0, wrapped);
    const described = describeRange(wrapped, start, start + "weapons of\nmass destruction".length);
    const result = expectAnchored(anchor(text, described), WMD_START, WMD_START + WMD.length, "fuzzy");
    expect(text.slice(result.start, result.end)).toBe(WMD);
  });

  it("[ANCHORING] the quote's paragraph removed makes an orphan", () => {
    const edited = withoutParagraph(4);
    expect(edited).not.toContain("weapons");
    expectOrphan(anchor(edited, wmd));
  });

  it("[ANCHORING] a totally rewritten passage makes an orphan", () => {
    const edited = replaceOnce(
      text,
      "The use of ICT for the above-mentioned purposes may cause a catastrophe for the entire world tantamount to that resulted from the use of weapons of mass destruction.",
      "Such misuse, in their view, threatens every nation alike and calls for a concerted answer by all governments.",
    );
    expectOrphan(anchor(edited, wmd));
    const sentence = describePhrase("may cause a catastrophe for the entire world");
    expectOrphan(anchor(edited, sentence));
  });

  it("[ANCHORING] a quote that occurs many times is resolved to its own occurrence after an insertion shifts everything", () => {
    const edited = insertAt(text, 0, INSERTED_SENTENCE);
    const start = INFOSEC_MIDDLE_START + INSERTED_SENTENCE.length;
    const result = expectAnchored(anchor(edited, infosec), start, start + INFOSEC.length, "exact-quote");
    expect(result.score).toBe(1);
    expect(edited.slice(start - 13, start + INFOSEC.length + 8)).toBe("the field of information security, taking");
  });

  it("[ANCHORING] of two occurrences with alike surroundings, the one whose context matches is chosen", () => {
    // "…key issues concerning international information security and wish…" (the fifth) and
    // "…solve problems concerning international information security within…" (the eighth).
    const last = describePhrase(INFOSEC, 7);
    expect(last.quote.prefix).toContain("concerning international ");
    expect(text.slice(offsetOf(INFOSEC, 4) - 25, offsetOf(INFOSEC, 4))).toBe("concerning international ");
    const edited = insertAt(text, paragraphs[9]!.startOffset, INSERTED_SENTENCE);
    const start = last.position.start + INSERTED_SENTENCE.length;
    expectAnchored(anchor(edited, last), start, start + INFOSEC.length, "exact-quote");
    expectAnchored(anchor(edited, { quote: last.quote }), start, start + INFOSEC.length, "exact-quote");
  });

  it("[ANCHORING] a repeated quote shifted onto another occurrence's old offsets is not taken for it", () => {
    const previousStart = offsetOf(INFOSEC, INFOSEC_MIDDLE - 1);
    const gap = INFOSEC_MIDDLE_START - previousStart;
    // Lengthen the statement before both occurrences by exactly the gap between them.
    const padding = "x".repeat(gap - INSERTED_SENTENCE.length - 1);
    const edited = insertAt(text, paragraphs[1]!.startOffset, `${INSERTED_SENTENCE}${padding} `);
    expect(edited.slice(INFOSEC_MIDDLE_START, INFOSEC_MIDDLE_START + INFOSEC.length)).toBe(INFOSEC);
    const start = INFOSEC_MIDDLE_START + gap;
    expectAnchored(anchor(edited, infosec), start, start + INFOSEC.length, "exact-quote");
  });

  it("[ANCHORING] a whitespace change at a repeated quote's own place beats exact copies elsewhere", () => {
    const edited = replaceOnce(text, "field of information security", "field of information\nsecurity");
    const result = expectAnchored(anchor(edited, infosec), INFOSEC_MIDDLE_START, INFOSEC_MIDDLE_START + INFOSEC.length, "fuzzy");
    expect(edited.slice(result.start, result.end)).toBe("information\nsecurity");
  });

  it("[ANCHORING] without a stored position the quote and its context still find the range", () => {
    expectAnchored(anchor(text, { quote: infosec.quote }), INFOSEC_MIDDLE_START, INFOSEC_MIDDLE_START + INFOSEC.length, "exact-quote");
    expectAnchored(anchor(text, { position: null, quote: wmd.quote }), WMD_START, WMD_START + WMD.length, "exact-quote");
  });

  it("[ANCHORING] a range across two paragraphs follows an edit before it and survives the paragraphs being merged", () => {
    const second = paragraphs[1]!;
    const start = second.startOffset + second.text.length - "economic resource of a country.".length;
    const end = paragraphs[2]!.startOffset + "The heads of state believe".length;
    const crossing = describeRange(text, start, end);
    expect(crossing.quote.exact).toBe("economic resource of a country.\n\nThe heads of state believe");
    expect(paragraphsSpanned(paragraphs, start, end)).toEqual([1, 2]);

    const shifted = withoutParagraph(0);
    const back = paragraphTexts[0]!.length + 2;
    expectAnchored(anchor(shifted, crossing), start - back, end - back, "exact-quote");

    const merged = replaceOnce(text, "of a country.\n\nThe heads", "of a country. The heads");
    const result = expectAnchored(anchor(merged, crossing), start, end - 1, "fuzzy");
    expect(merged.slice(result.start, result.end)).toBe("economic resource of a country. The heads of state believe");
  });

  it("[ANCHORING] a long range across four paragraphs with a corrected word is found by fuzzy matching", () => {
    const start = paragraphs[3]!.startOffset;
    const end = paragraphs[6]!.startOffset + paragraphTexts[6]!.length;
    const long = describeRange(text, start, end);
    expect(long.quote.exact.length).toBeGreaterThan(2000);
    const edited = replaceOnce(text, "tantamount to that resulted from", "tantamount to that resulting from");
    const result = expectAnchored(anchor(edited, long), start, end + "ing".length - "ed".length, "fuzzy");
    expect(edited.slice(result.start, result.end)).toMatch(
      /^Meanwhile, the heads of state[^]*that resulting from[^]*effectively dealt with\.$/,
    );
    expect(result.score).toBeGreaterThan(0.99);
  });
});

describe("anchor refuses to guess", () => {
  const wmd = describePhrase(WMD);
  const infosec = describePhrase(INFOSEC, INFOSEC_MIDDLE);

  it("[ANCHORING] a common phrase whose surroundings were rewritten on both sides becomes an orphan", () => {
    const edited = replaceOnce(
      text,
      "analysing the existing and potential threats in the field of information security, taking collective actions to eliminate",
      "reviewing, with the help of experts, what could endanger information security, and working together so as to remove",
    );
    expect(edited).toContain(INFOSEC);
    expectOrphan(anchor(edited, infosec));
  });

  it("[ANCHORING] a common phrase that keeps one side of its surroundings is anchored at its own place", () => {
    const edited = replaceOnce(
      text,
      "analysing the existing and potential threats in the field of information security",
      "reviewing, with the help of experts, what could endanger information security",
    );
    const start = offsetOf("endanger information security", 0, edited) + "endanger ".length;
    const result = expectAnchored(anchor(edited, infosec), start, start + INFOSEC.length, "exact-quote");
    expect(result.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
  });

  it("[ANCHORING] a quote as long as its context, found exactly once, is anchored even with new surroundings", () => {
    const catastrophe = describePhrase("a catastrophe for the entire world");
    expect(catastrophe.quote.exact.length).toBeGreaterThanOrEqual(QUOTE_CONTEXT_LENGTH);
    const edited = replaceOnce(
      text,
      "purposes may cause a catastrophe for the entire world tantamount to that",
      "ends could well bring about a catastrophe for the entire world, comparable with what",
    );
    const start = offsetOf(catastrophe.quote.exact, 0, edited);
    const result = expectAnchored(anchor(edited, catastrophe), start, start + catastrophe.quote.exact.length, "exact-quote");
    expect(result.score).toBeLessThan(DEFAULT_MIN_SCORE);
  });

  it("[ANCHORING] a shorter quote found once, with new surroundings on both sides, is an orphan", () => {
    // The other side of the rule above: 27 characters are not enough to vouch for themselves.
    expect(WMD.length).toBeLessThan(QUOTE_CONTEXT_LENGTH);
    const edited = replaceOnce(
      text,
      "tantamount to that resulted from the use of weapons of mass destruction.\n\nThe heads of state emphasise",
      "comparable only to an attack with weapons of mass destruction, they warn.\n\nThe leaders stress",
    );
    expect(edited).toContain(WMD);
    expect(expectOrphan(anchor(edited, wmd))).toMatch(/occurs once, but nowhere with its surrounding text/);
  });

  it("[ANCHORING] a quote with a quarter of its characters changed is still found; with more changed it is an orphan", () => {
    const lightly = replaceOnce(text, WMD, "weapons of mass-scale destruction");
    const found = expectAnchored(anchor(lightly, wmd), WMD_START, WMD_START + "weapons of mass-scale destruction".length, "fuzzy");
    expect(lightly.slice(found.start, found.end)).toBe("weapons of mass-scale destruction");

    // Context intact on both sides, so only the quote's own similarity refuses it.
    const heavily = replaceOnce(text, WMD, "nuclear arms of destruction");
    const reason = expectOrphan(anchor(heavily, wmd));
    expect(reason).toContain(`at least ${MIN_QUOTE_SIMILARITY.toFixed(2)}`);
  });

  it("[ANCHORING] minScore raises the bar: a typo match accepted by default is refused at 0.99", () => {
    const edited = replaceOnce(text, WMD, "weapons of mass destrcution");
    expect(anchor(edited, wmd).status).toBe("anchored");
    expectOrphan(anchor(edited, wmd, { minScore: 0.99 }));
    expect(anchor(text, wmd, { minScore: 0.99 }).status).toBe("anchored");
  });

  it("[ANCHORING] an empty or whitespace-only quote is an orphan, not a match everywhere", () => {
    expectOrphan(anchor(text, { quote: { exact: "", prefix: "", suffix: "" } }));
    expectOrphan(anchor(text, { position: null, quote: { exact: "\n\n", prefix: "", suffix: "" } }));
    expectOrphan(anchor(text, { position: { start: 0, end: 2 }, quote: { exact: " \n", prefix: "", suffix: "" } }));
  });

  it("[ANCHORING] every anchored range lies inside the text and reads like its quote", () => {
    const edits = [
      insertAt(text, paragraphs[5]!.startOffset, INSERTED_SENTENCE),
      withoutParagraph(2),
      text.replace(/ of /g, " of  "),
      text.replace(/ion/g, "ioN"),
    ];
    for (const paragraph of paragraphs) {
      const described = describeRange(text, paragraph.startOffset + 10, paragraph.startOffset + 60);
      for (const edited of edits) {
        const result = anchor(edited, described);
        if (result.status !== "anchored") continue;
        expect(result.start).toBeGreaterThanOrEqual(0);
        expect(result.end).toBeLessThanOrEqual(edited.length);
        expect(result.start).toBeLessThan(result.end);
        const found = edited.slice(result.start, result.end).replace(/\s+/g, " ").toLowerCase();
        expect(found).toBe(described.quote.exact.toLowerCase());
      }
    }
  });
});

describe("anchor's cost is bounded whatever the input", () => {
  // The worst inputs we could build (issue #14: a long prefix on a repeated quote once pinned the
  // CPU for minutes). Each is checked against the stated bound on Myers block steps, which are
  // counted, not timed; the time is printed for the record (timing belongs in `npm run bench`).
  const size = 200_000;
  const repeated = "a".repeat(size);
  const prose = "the quick brown fox jumps over the lazy dog. ".repeat(Math.ceil(size / 45)).slice(0, size);
  const noise = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join("");
  const cases: { name: string; text: string; selectors: Parameters<typeof anchor>[1] }[] = [
    {
      name: "a repeated word with a 100,000-character prefix and suffix",
      text: prose,
      selectors: { position: null, quote: { exact: "quick", prefix: "x".repeat(100_000), suffix: "y".repeat(100_000) } },
    },
    {
      name: "one character that occurs at every position",
      text: repeated,
      selectors: { position: { start: 1_000, end: 1_001 }, quote: { exact: "a", prefix: "zz", suffix: "zz" } },
    },
    {
      name: "a near-quote that matches with one error at every position",
      text: repeated,
      selectors: { position: { start: 5, end: 105 }, quote: { exact: `${"a".repeat(100)}b`, prefix: "", suffix: "" } },
    },
    {
      name: "a 20,000-character quote of a periodic text",
      text: repeated,
      selectors: { position: null, quote: { exact: "a".repeat(20_000), prefix: "b", suffix: "c" } },
    },
    {
      name: "a 20,000-character near-quote of a periodic text",
      text: repeated,
      selectors: { position: { start: 1_000, end: 21_000 }, quote: { exact: `${"a".repeat(19_999)}b`, prefix: "", suffix: "" } },
    },
    {
      name: "a 20,000-character quote with its middle rewritten",
      text: prose,
      selectors: {
        position: { start: 100, end: 20_100 },
        quote: { exact: prose.slice(100, 10_000) + "Z".repeat(50) + prose.slice(10_050, 20_100), prefix: "", suffix: "" },
      },
    },
    {
      name: "a 512-character quote with every 'a' changed, in noise",
      text: noise,
      selectors: { position: null, quote: { exact: noise.slice(1_000, 1_512).replace(/a/g, "b"), prefix: "", suffix: "" } },
    },
  ];

  for (const { name, text: haystack, selectors } of cases) {
    it(`[ANCHORING] ${name}: at most anchorWorkBound(n) block steps, and the range found reads like the quote`, () => {
      const meter = { blockSteps: 0 };
      const started = performance.now();
      const result = anchor(haystack, selectors, { meter });
      console.info(`anchor, ${name}: ${meter.blockSteps.toLocaleString("en")} block steps, ${(performance.now() - started).toFixed(0)} ms`);
      expect(meter.blockSteps).toBeLessThanOrEqual(anchorWorkBound(haystack.length));
      if (result.status === "anchored") {
        expect(result.start).toBeGreaterThanOrEqual(0);
        expect(result.end).toBeLessThanOrEqual(haystack.length);
        expect(result.end).toBeGreaterThan(result.start);
      } else {
        expect(result.reason.length).toBeGreaterThan(10);
      }
    });
  }

  it("[ANCHORING] the bound is linear in the text's length", () => {
    expect(anchorWorkBound(2_000_000) - anchorWorkBound(1_000_000)).toBe(anchorWorkBound(1_000_000) - anchorWorkBound(0));
    expect(anchorWorkBound(1_000_000) / 1_000_000).toBeLessThan(25);
  });

  it("[ANCHORING] only the 32 characters of context next to the quote are compared", () => {
    // Same result with a 32-character context and with that context behind 100,000 more characters.
    const start = offsetOf(INFOSEC, INFOSEC_MIDDLE);
    const described = describeRange(text, start, start + INFOSEC.length);
    const shifted = insertAt(text, 0, INSERTED_SENTENCE);
    const short = anchor(shifted, { position: null, quote: described.quote });
    const long = anchor(shifted, {
      position: null,
      quote: {
        ...described.quote,
        prefix: "q".repeat(100_000) + described.quote.prefix,
        suffix: described.quote.suffix + "q".repeat(100_000),
      },
    });
    expect(long).toEqual(short);
    expect(short).toMatchObject({ status: "anchored", start: start + INSERTED_SENTENCE.length });
  });

  it("[ANCHORING] without the approximate pass, a quote that does not occur is an orphan", () => {
    const start = offsetOf(WMD);
    const changed = replaceOnce(text, WMD, "weapons of mass destructoin");
    expect(anchor(changed, { position: { start, end: start + WMD.length }, quote: describePhrase(WMD).quote }).status).toBe("anchored");
    expect(
      anchor(changed, { position: { start, end: start + WMD.length }, quote: describePhrase(WMD).quote }, { allowFuzzy: false }).status,
    ).toBe("orphan");
  });
});
