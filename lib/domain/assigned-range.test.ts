import { describe, expect, it } from "vitest";
import {
  checkRangeOrder,
  describeAssignedRange,
  firstWords,
  moveRangeAfterEdit,
  rangeChoiceOf,
  rangePlace,
  resolveRangeChoice,
  type RangeReading,
} from "./assigned-range.ts";

/** Twelve paragraphs, two a page, in three sections of four. */
const book: RangeReading = {
  paragraphs: Array.from({ length: 12 }, (_, index) => ({ position: index + 1, page: Math.floor(index / 2) + 1 })),
  sections: [
    { from: 1, to: 4, title: "Chapter 1" },
    { from: 5, to: 8, title: "Chapter 2" },
    { from: 9, to: 12, title: "Chapter 3" },
  ],
};
const pasted: RangeReading = {
  paragraphs: Array.from({ length: 9 }, (_, index) => ({ position: index + 1, page: null })),
  sections: [{ from: 1, to: 9, title: "Whole reading" }],
};

describe("resolving a choice to a paragraph range", () => {
  it("pages: from the first paragraph on the first page to the last on the last page", () => {
    expect(resolveRangeChoice(book, { kind: "PAGES", first: 2, last: 3 })).toEqual({ range: { from: 3, to: 6 } });
    expect(resolveRangeChoice(book, { kind: "PAGES", first: 6, last: 6 })).toEqual({ range: { from: 11, to: 12 } });
  });

  it("pages past the end, on a reading without pages, or in reverse are refused on the right field", () => {
    expect(resolveRangeChoice(book, { kind: "PAGES", first: 5, last: 7 })).toEqual({
      problem: { field: "last", message: "The reading ends on page 6." },
    });
    expect(resolveRangeChoice(pasted, { kind: "PAGES", first: 1, last: 2 })).toMatchObject({ problem: { field: "first" } });
    expect(resolveRangeChoice(book, { kind: "PAGES", first: 4, last: 2 })).toEqual({
      problem: { field: "last", message: "The last page cannot come before the first page." },
    });
  });

  it("a page range that holds no paragraph start is refused", () => {
    const gappy: RangeReading = {
      paragraphs: [
        { position: 1, page: 1 },
        { position: 2, page: 5 },
      ],
      sections: [],
    };
    expect(resolveRangeChoice(gappy, { kind: "PAGES", first: 2, last: 4 })).toMatchObject({ problem: { field: "first" } });
  });

  it("sections: from the first section's first paragraph to the last section's last", () => {
    expect(resolveRangeChoice(book, { kind: "SECTIONS", first: 2, last: 3 })).toEqual({ range: { from: 5, to: 12 } });
    expect(resolveRangeChoice(book, { kind: "SECTIONS", first: 1, last: 1 })).toEqual({ range: { from: 1, to: 4 } });
  });

  it("sections the reading does not have, a reading of one section, and reverse ranges are refused", () => {
    expect(resolveRangeChoice(book, { kind: "SECTIONS", first: 2, last: 4 })).toEqual({
      problem: { field: "last", message: "Choose a section of this reading (it has 3)." },
    });
    expect(resolveRangeChoice(pasted, { kind: "SECTIONS", first: 1, last: 1 })).toMatchObject({ problem: { field: "first" } });
    expect(resolveRangeChoice(book, { kind: "SECTIONS", first: 3, last: 2 })).toMatchObject({ problem: { field: "last" } });
  });

  it("paragraphs: positions of the reading, first not after last", () => {
    expect(resolveRangeChoice(pasted, { kind: "PARAGRAPHS", first: 4, last: 9 })).toEqual({ range: { from: 4, to: 9 } });
    expect(resolveRangeChoice(pasted, { kind: "PARAGRAPHS", first: 4, last: 10 })).toEqual({
      problem: { field: "last", message: "Choose a paragraph of this reading (¶ 1 to ¶ 9)." },
    });
    expect(resolveRangeChoice(pasted, { kind: "PARAGRAPHS", first: 0, last: 3 })).toMatchObject({ problem: { field: "first" } });
    expect(checkRangeOrder({ kind: "PARAGRAPHS", first: 5, last: 4 })).toEqual({
      field: "last",
      message: "The last paragraph cannot come before the first paragraph.",
    });
    expect(checkRangeOrder({ kind: "PARAGRAPHS", first: 5, last: 5 })).toBeNull();
  });
});

describe("naming and placing the range", () => {
  it("names it by how it was chosen, from the reading as it is now", () => {
    const name = (
      kind: "PAGES" | "SECTIONS" | "PARAGRAPHS",
      from: number,
      to: number,
      pages: { first: number; last: number } | null = null,
    ) => describeAssignedRange({ kind, range: { from, to }, pages, sections: book.sections });
    expect(name("PAGES", 3, 14, { first: 3, last: 7 })).toBe("pages 3–7");
    expect(name("PAGES", 3, 4, { first: 2, last: 2 })).toBe("page 2");
    expect(name("SECTIONS", 5, 12)).toBe("Chapter 2 to Chapter 3");
    expect(name("SECTIONS", 5, 8)).toBe("Chapter 2");
    expect(name("PARAGRAPHS", 4, 9)).toBe("¶ 4–9");
    expect(name("PARAGRAPHS", 4, 4)).toBe("¶ 4");
    // Sections that no longer hold the range's ends (after an edit) fall back to paragraphs.
    expect(describeAssignedRange({ kind: "SECTIONS", range: { from: 2, to: 3 }, pages: null, sections: [] })).toBe("¶ 2–3");
  });

  it("places a paragraph before, in or after the range; nothing when the whole reading is assigned", () => {
    const range = { from: 4, to: 9 };
    expect([3, 4, 9, 10].map((position) => rangePlace(range, position))).toEqual(["before", "in", "in", "after"]);
    expect(rangePlace(null, 1)).toBeNull();
  });

  it("gives the form's values back for a saved range", () => {
    expect(rangeChoiceOf({ kind: "SECTIONS", range: { from: 5, to: 12 }, pages: null, sections: book.sections })).toEqual({
      kind: "SECTIONS",
      first: 2,
      last: 3,
    });
    expect(rangeChoiceOf({ kind: "PAGES", range: { from: 3, to: 6 }, pages: { first: 2, last: 3 }, sections: [] })).toEqual({
      kind: "PAGES",
      first: 2,
      last: 3,
    });
    expect(rangeChoiceOf({ kind: "PARAGRAPHS", range: { from: 4, to: 9 }, pages: null, sections: [] })).toEqual({
      kind: "PARAGRAPHS",
      first: 4,
      last: 9,
    });
  });

  it("shows a paragraph's first words, marked when cut", () => {
    expect(firstWords("One two three")).toBe("One two three");
    expect(firstWords("  The history of free culture is long and it is not over yet  ")).toBe("The history of free culture is long and…");
    expect(firstWords(`${"x".repeat(100)} tail`).length).toBeLessThanOrEqual(61);
  });
});

describe("a range after an edit of the reading", () => {
  const before = ["a", "b", "c", "d", "e", "f"].map((id, index) => ({ id, position: index + 1 }));

  it("keeps its ends when they are kept (their new positions count)", () => {
    expect(moveRangeAfterEdit(before, new Set(["a", "f"]), { firstParagraphId: "b", lastParagraphId: "e" })).toEqual({
      firstParagraphId: "b",
      lastParagraphId: "e",
    });
  });

  it("moves a removed end inward to the nearest kept paragraph", () => {
    expect(moveRangeAfterEdit(before, new Set(["b", "c", "e"]), { firstParagraphId: "b", lastParagraphId: "e" })).toEqual({
      firstParagraphId: "d",
      lastParagraphId: "d",
    });
  });

  it("is gone when every paragraph in it was removed", () => {
    expect(moveRangeAfterEdit(before, new Set(["c", "d"]), { firstParagraphId: "c", lastParagraphId: "d" })).toBeNull();
  });
});
