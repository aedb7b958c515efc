import { describe, expect, it } from "vitest";
import { findSectionAt, planReadingOutline, type OutlineParagraph } from "./reading-sections";

type Spec = { heading?: string; level?: number; length?: number; page?: number | null };

/** Paragraphs in order from short specs: a heading when `heading` is set, else text of `length`. */
function outline(specs: Spec[]): OutlineParagraph[] {
  let offset = 0;
  return specs.map((spec, index) => {
    const length = spec.heading ? spec.heading.length : (spec.length ?? 100);
    const paragraph: OutlineParagraph = {
      position: index + 1,
      kind: spec.heading ? "HEADING" : "TEXT",
      level: spec.heading ? (spec.level ?? 1) : null,
      page: spec.page ?? null,
      length,
      startOffset: offset,
      heading: spec.heading ?? null,
    };
    offset += length + 2;
    return paragraph;
  });
}

const limits = { wholeMaxChars: 1_000, maxChars: 400 };

describe("reading sections", () => {
  it("[SECTIONS] a reading short enough to read at once is one section, whatever its headings", () => {
    const { sections, contents } = planReadingOutline(
      outline([{ heading: "One" }, { length: 300 }, { heading: "Two" }, { length: 300 }]),
      limits,
    );
    expect(sections).toEqual([expect.objectContaining({ number: 1, title: "Whole reading", from: 1, to: 4 })]);
    expect(contents.map((entry) => [entry.title, entry.section])).toEqual([
      ["One", 1],
      ["Two", 1],
    ]);
  });

  it("[SECTIONS] a long reading is cut at its top-level headings; a part too long at its chapters", () => {
    const { sections } = planReadingOutline(
      outline([
        { length: 150 },
        { heading: "Part one", level: 1 },
        { heading: "Chapter 1", level: 2 },
        { length: 300 },
        { heading: "Chapter 2", level: 2 },
        { length: 300 },
        { heading: "Part two", level: 1 },
        { length: 350 },
      ]),
      limits,
    );
    expect(sections.map((section) => [section.title, section.from, section.to])).toEqual([
      ["Paragraphs 1–1", 1, 1],
      ["Part one — Chapter 1", 2, 4],
      ["Chapter 2", 5, 6],
      ["Part two", 7, 8],
    ]);
  });

  it("[SECTIONS] a few paragraphs under their own heading read on with the section before", () => {
    const { sections, contents } = planReadingOutline(
      outline([
        { heading: "Long", level: 1 },
        { length: 150 },
        { heading: "Short", level: 1 },
        { length: 20 },
        { heading: "Last", level: 1 },
        { length: 380 },
        { length: 380 },
      ]),
      { wholeMaxChars: 800, maxChars: 400 },
    );
    expect(sections.map((section) => section.title)).toEqual(["Long", "Last", "Last (continued, Paragraphs 7–7)"]);
    expect(contents.find((entry) => entry.title === "Short")?.section).toBe(1);
  });

  it("[SECTIONS] a long stretch without headings is cut into runs of pages, at a page break when one is near", () => {
    const specs: Spec[] = [{ heading: "Only chapter", level: 1 }];
    for (let page = 1; page <= 6; page++) specs.push({ length: 120, page }, { length: 120, page });
    const { sections } = planReadingOutline(outline(specs), { wholeMaxChars: 1_000, maxChars: 500 });
    for (const section of sections) expect(section.endOffset - section.startOffset).toBeLessThanOrEqual(500 + 2 * 4);
    expect(sections[0]!.title).toBe("Only chapter");
    expect(sections[1]!.title).toMatch(/^Only chapter \(continued, pp\. \d+–\d+\)$/);
    // Each cut falls between pages: no page is split across two sections.
    for (let index = 1; index < sections.length; index++)
      expect(sections[index]!.firstPage).toBeGreaterThan(sections[index - 1]!.lastPage!);
    expect(sections.at(-1)!.to).toBe(specs.length);
  });

  it("[SECTIONS] sections cover every paragraph once, in order, with their text range and pages", () => {
    const specs: Spec[] = [];
    for (let chapter = 1; chapter <= 5; chapter++) {
      specs.push({ heading: `Chapter ${chapter}`, level: 1, page: chapter * 2 });
      specs.push({ length: 150, page: chapter * 2 }, { length: 150, page: chapter * 2 + 1 });
    }
    const paragraphs = outline(specs);
    const { sections } = planReadingOutline(paragraphs, limits);
    expect(sections).toHaveLength(5);
    let next = 1;
    for (const section of sections) {
      expect(section.from).toBe(next);
      next = section.to + 1;
      expect(section.startOffset).toBe(paragraphs[section.from - 1]!.startOffset);
      expect(section.endOffset).toBe(paragraphs[section.to - 1]!.startOffset + paragraphs[section.to - 1]!.length);
      expect(section.lastPage).toBe(section.firstPage! + 1);
    }
    expect(next).toBe(paragraphs.length + 1);
  });

  it("[SECTIONS] a paragraph position finds its section; out of range gives the nearest end", () => {
    const { sections } = planReadingOutline(
      outline([{ heading: "A" }, { length: 450 }, { heading: "B" }, { length: 450 }, { heading: "C" }, { length: 450 }]),
      limits,
    );
    expect(findSectionAt(sections, 4)?.title).toBe("B");
    expect(findSectionAt(sections, 0)?.title).toBe("A");
    expect(findSectionAt(sections, 99)?.title).toBe("C");
    expect(findSectionAt([], 1)).toBeNull();
    expect(planReadingOutline([], limits)).toEqual({ sections: [], contents: [] });
  });
});
