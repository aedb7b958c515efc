import { describe, expect, it } from "vitest";
import { groupRangesByParagraph, segmentParagraph, type HighlightRange, type TextSegment } from "./highlight-segments";

// Two paragraphs of a canonical text joined by "\n\n": "The quick brown fox." at 0..20, then
// "Jumps over the dog." at 22..41.
const first = { startOffset: 0, text: "The quick brown fox." };
const second = { startOffset: 22, text: "Jumps over the dog." };

const range = (id: string, start: number, end: number): HighlightRange => ({ id, start, end });
const shape = (segments: TextSegment[]) => segments.map((segment) => [segment.text, segment.annotationIds]);

/** Mulberry32: a small seeded PRNG, so the random cases are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ids covering one character of the canonical text, computed the slow, obvious way. */
function idsCovering(offset: number, ranges: readonly HighlightRange[]): string {
  return ranges
    .filter((candidate) => candidate.start <= offset && offset < candidate.end)
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((candidate) => candidate.id)
    .join(",");
}

function coverageByCharacter(paragraph: { startOffset: number; text: string }, ranges: readonly HighlightRange[]): string[] {
  return Array.from({ length: paragraph.text.length }, (_, index) => idsCovering(paragraph.startOffset + index, ranges));
}

/** Segments are consecutive, non-empty, and their texts rebuild the paragraph. */
function expectWellFormed(paragraph: { startOffset: number; text: string }, segments: TextSegment[]): void {
  expect(segments.map((segment) => segment.text).join("")).toBe(paragraph.text);
  const problems: string[] = [];
  let expectedStart = 0;
  for (const segment of segments) {
    if (segment.start !== expectedStart || segment.end <= segment.start) problems.push(`gap or empty at ${segment.start}`);
    if (segment.text !== paragraph.text.slice(segment.start, segment.end)) problems.push(`wrong text at ${segment.start}`);
    expectedStart = segment.end;
  }
  if (expectedStart !== paragraph.text.length) problems.push(`ends at ${expectedStart}`);
  expect(problems).toEqual([]);
}

describe("segmentParagraph", () => {
  it("[HIGHLIGHTS] a paragraph without ranges is one unmarked segment", () => {
    expect(segmentParagraph(first, [])).toEqual([{ start: 0, end: 20, text: "The quick brown fox.", annotationIds: [] }]);
  });

  it("[HIGHLIGHTS] a range in the middle cuts the paragraph into three segments", () => {
    expect(segmentParagraph(first, [range("a", 4, 9)])).toEqual([
      { start: 0, end: 4, text: "The ", annotationIds: [] },
      { start: 4, end: 9, text: "quick", annotationIds: ["a"] },
      { start: 9, end: 20, text: " brown fox.", annotationIds: [] },
    ]);
  });

  it("[HIGHLIGHTS] overlapping ranges share the overlap and keep their own ends", () => {
    expect(shape(segmentParagraph(first, [range("b", 10, 19), range("a", 4, 15)]))).toEqual([
      ["The ", []],
      ["quick ", ["a"]],
      ["brown", ["a", "b"]],
      [" fox", ["b"]],
      [".", []],
    ]);
  });

  it("[HIGHLIGHTS] nested ranges split the outer range into three segments", () => {
    expect(shape(segmentParagraph(first, [range("inner", 10, 15), range("outer", 4, 19)]))).toEqual([
      ["The ", []],
      ["quick ", ["outer"]],
      ["brown", ["outer", "inner"]],
      [" fox", ["outer"]],
      [".", []],
    ]);
  });

  it("[HIGHLIGHTS] identical ranges make one segment listing both ids, ordered by id", () => {
    expect(shape(segmentParagraph(first, [range("z", 4, 9), range("m", 4, 9)]))).toEqual([
      ["The ", []],
      ["quick", ["m", "z"]],
      [" brown fox.", []],
    ]);
  });

  it("[HIGHLIGHTS] touching ranges (one ends where the next starts) do not overlap", () => {
    expect(shape(segmentParagraph(first, [range("a", 4, 10), range("b", 10, 15)]))).toEqual([
      ["The ", []],
      ["quick ", ["a"]],
      ["brown", ["b"]],
      [" fox.", []],
    ]);
  });

  it("[HIGHLIGHTS] a range covering the whole paragraph is one marked segment", () => {
    expect(shape(segmentParagraph(first, [range("all", 0, 20)]))).toEqual([["The quick brown fox.", ["all"]]]);
  });

  it("[HIGHLIGHTS] a range crossing a paragraph break is clipped and marks both paragraphs", () => {
    const crossing = range("x", 16, 27); // "fox.\n\nJumps"
    expect(shape(segmentParagraph(first, [crossing]))).toEqual([
      ["The quick brown ", []],
      ["fox.", ["x"]],
    ]);
    expect(segmentParagraph(second, [crossing])).toEqual([
      { start: 0, end: 5, text: "Jumps", annotationIds: ["x"] },
      { start: 5, end: 19, text: " over the dog.", annotationIds: [] },
    ]);
  });

  it("[HIGHLIGHTS] a range that started in an earlier paragraph is listed before one starting here", () => {
    expect(shape(segmentParagraph(second, [range("b", 22, 27), range("z", 10, 27), range("a", 24, 30)]))).toEqual([
      ["Ju", ["z", "b"]],
      ["mps", ["z", "b", "a"]],
      [" ov", ["a"]],
      ["er the dog.", []],
    ]);
  });

  it("[HIGHLIGHTS] ranges entirely outside the paragraph, or only on the break between paragraphs, are ignored", () => {
    const outside = [range("before", -10, 0), range("gap", 20, 22), range("after", 41, 60), range("far", 500, 600)];
    expect(shape(segmentParagraph(first, outside))).toEqual([["The quick brown fox.", []]]);
    expect(shape(segmentParagraph(second, outside))).toEqual([["Jumps over the dog.", []]]);
  });

  it("[HIGHLIGHTS] ranges running past either end of the text are clipped to it", () => {
    expect(shape(segmentParagraph(first, [range("a", -5, 3), range("b", 17, 1000)]))).toEqual([
      ["The", ["a"]],
      [" quick brown f", []],
      ["ox.", ["b"]],
    ]);
  });

  it("[HIGHLIGHTS] zero-length, reversed and non-integer ranges paint nothing", () => {
    const ranges = [range("empty", 4, 4), range("reversed", 9, 4), range("nan", Number.NaN, 9), range("half", 4.5, 9)];
    expect(shape(segmentParagraph(first, ranges))).toEqual([["The quick brown fox.", []]]);
  });

  it("[HIGHLIGHTS] an empty paragraph has no segments", () => {
    expect(segmentParagraph({ startOffset: 10, text: "" }, [range("a", 0, 100)])).toEqual([]);
  });

  it("[HIGHLIGHTS] the caller's ranges are not reordered", () => {
    const ranges = [range("b", 10, 19), range("a", 4, 15)];
    segmentParagraph(first, ranges);
    expect(ranges.map((candidate) => candidate.id)).toEqual(["b", "a"]);
  });

  it("[HIGHLIGHTS] 200 random cases: segments cover the text exactly once and list exactly the covering ranges", () => {
    const random = seededRandom(20060615);
    const int = (below: number) => Math.floor(random() * below);
    for (let caseNumber = 0; caseNumber < 200; caseNumber += 1) {
      const length = int(60);
      const paragraph = { startOffset: int(30), text: Array.from({ length }, () => "abcde fgh"[int(9)]).join("") };
      const ranges = Array.from({ length: int(25) }, (_, index) => {
        const start = paragraph.startOffset + int(length + 20) - 10;
        return range(`r${int(8)}-${index}`, start, start + int(25) - 3);
      });
      const segments = segmentParagraph(paragraph, ranges);
      expectWellFormed(paragraph, segments);
      const perCharacter = segments.flatMap((segment) =>
        Array.from({ length: segment.end - segment.start }, () => segment.annotationIds.join(",")),
      );
      expect(perCharacter, `case ${caseNumber}`).toEqual(coverageByCharacter(paragraph, ranges));
      // A cut only where some range starts or ends.
      for (const segment of segments.slice(1)) {
        const offset = paragraph.startOffset + segment.start;
        expect(
          ranges.some((candidate) => candidate.start < candidate.end && (candidate.start === offset || candidate.end === offset)),
        ).toBe(true);
      }
    }
  });

  it("[HIGHLIGHTS] a paragraph with 5,000 highlights is segmented correctly", () => {
    const random = seededRandom(42);
    const text = "Member states reaffirm the principles of international law. ".repeat(200);
    const paragraph = { startOffset: 1000, text };
    const ranges: HighlightRange[] = Array.from({ length: 5000 }, (_, index) => {
      const start = paragraph.startOffset + Math.floor(random() * text.length);
      return range(`h${String(index).padStart(4, "0")}`, start, start + 1 + Math.floor(random() * 40));
    });
    ranges.push(range("whole", 1000, 1000 + text.length));

    const segments = segmentParagraph(paragraph, ranges);
    expectWellFormed(paragraph, segments);
    expect(segments.every((segment) => segment.annotationIds[0] === "whole")).toBe(true);
    for (const segment of [segments[0]!, segments[Math.floor(segments.length / 2)]!, segments.at(-1)!]) {
      expect(segment.annotationIds.join(",")).toBe(idsCovering(paragraph.startOffset + segment.start, ranges));
    }
  });
});

describe("groupRangesByParagraph", () => {
  const third = { startOffset: 43, text: "" };
  const fourth = { startOffset: 45, text: "End." };

  it("[HIGHLIGHTS] each range is listed under every paragraph it touches, in start order", () => {
    const ranges = [
      range("late", 30, 35),
      range("crossing", 16, 27),
      range("early", 0, 3),
      range("gap", 20, 22),
      range("empty", 5, 5),
      range("long", 10, 47),
      range("outside", 100, 120),
    ];
    expect(groupRangesByParagraph([first, second, third, fourth], ranges).map((group) => group.map((candidate) => candidate.id))).toEqual([
      ["early", "long", "crossing"],
      ["long", "crossing", "late"],
      [],
      ["long"],
    ]);
  });

  it("[HIGHLIGHTS] groups follow the given paragraph order even when it is not reading order", () => {
    const groups = groupRangesByParagraph([second, first], [range("a", 2, 4), range("b", 23, 25)]);
    expect(groups.map((group) => group.map((candidate) => candidate.id))).toEqual([["b"], ["a"]]);
  });

  it("[HIGHLIGHTS] grouping then segmenting gives the same segments as segmenting with every range", () => {
    const random = seededRandom(7);
    const paragraphs = [first, second, fourth];
    const ranges = Array.from({ length: 300 }, (_, index) => {
      const start = Math.floor(random() * 55) - 5;
      return range(`r${index}`, start, start + Math.floor(random() * 30));
    });
    const groups = groupRangesByParagraph(paragraphs, ranges);
    paragraphs.forEach((paragraph, index) => {
      expect(segmentParagraph(paragraph, groups[index]!)).toEqual(segmentParagraph(paragraph, ranges));
    });
  });
});
