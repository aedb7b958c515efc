// The assigned part of a reading (#16.4). An instructor chooses it by pages (a PDF's), by sections
// (a long reading's) or by paragraphs (¶ from–to, any reading); whichever way, it is saved as one
// paragraph range — its first and last paragraph — and everything that counts or marks the
// assigned part works on that range alone.
import type { ReadingSection } from "./reading-sections.ts";

export const ASSIGNED_RANGE_KINDS = ["PAGES", "SECTIONS", "PARAGRAPHS"] as const;
export type AssignedRangeKind = (typeof ASSIGNED_RANGE_KINDS)[number];

/** Paragraph positions from..to, inclusive. */
export type ParagraphRange = { from: number; to: number };

/** A choice as the form gives it: first and last page, section number or paragraph position. */
export type RangeChoice = { kind: AssignedRangeKind; first: number; last: number };

export type RangeProblem = { field: "first" | "last"; message: string };

/** What resolving needs of a reading: its current paragraphs' positions and pages, and its sections. */
export type RangeReading = {
  paragraphs: readonly { position: number; page: number | null }[];
  sections: readonly Pick<ReadingSection, "from" | "to" | "title">[];
};

const NOUNS: Record<AssignedRangeKind, { one: string; first: string; last: string }> = {
  PAGES: { one: "page", first: "first page", last: "last page" },
  SECTIONS: { one: "section", first: "first section", last: "last section" },
  PARAGRAPHS: { one: "paragraph", first: "first paragraph", last: "last paragraph" },
};

/** The order rule every kind shares (the client checks it too, before sending). */
export function checkRangeOrder(choice: Pick<RangeChoice, "kind" | "first" | "last">): RangeProblem | null {
  if (choice.last < choice.first) {
    const noun = NOUNS[choice.kind];
    return { field: "last", message: `The ${noun.last} cannot come before the ${noun.first}.` };
  }
  return null;
}

/**
 * The paragraph range a choice covers in the reading as it is now, or the problem with it:
 * pages the reading does not have, sections or paragraphs past its end, a range in reverse, a
 * page range holding no paragraph.
 */
export function resolveRangeChoice(reading: RangeReading, choice: RangeChoice): { range: ParagraphRange } | { problem: RangeProblem } {
  const order = checkRangeOrder(choice);
  if (order) return { problem: order };
  const { paragraphs, sections } = reading;
  if (choice.kind === "PAGES") {
    const pages = paragraphs.flatMap((paragraph) => (paragraph.page === null ? [] : [paragraph.page]));
    if (pages.length === 0) return { problem: { field: "first", message: "This reading has no pages: choose sections or paragraphs." } };
    const lastPage = Math.max(...pages);
    if (choice.last > lastPage) return { problem: { field: "last", message: `The reading ends on page ${lastPage}.` } };
    const inside = paragraphs.filter(
      (paragraph) => paragraph.page !== null && paragraph.page >= choice.first && paragraph.page <= choice.last,
    );
    if (inside.length === 0) return { problem: { field: "first", message: "No paragraph starts on these pages: widen the range." } };
    return { range: { from: inside[0]!.position, to: inside.at(-1)!.position } };
  }
  if (choice.kind === "SECTIONS") {
    if (sections.length < 2) return { problem: { field: "first", message: "This reading is not cut into sections: choose paragraphs." } };
    for (const [field, number] of [
      ["first", choice.first],
      ["last", choice.last],
    ] as const) {
      if (!Number.isInteger(number) || number < 1 || number > sections.length)
        return { problem: { field, message: `Choose a section of this reading (it has ${sections.length}).` } };
    }
    return { range: { from: sections[choice.first - 1]!.from, to: sections[choice.last - 1]!.to } };
  }
  const count = paragraphs.length;
  for (const [field, position] of [
    ["first", choice.first],
    ["last", choice.last],
  ] as const) {
    if (!Number.isInteger(position) || position < 1 || position > count)
      return { problem: { field, message: `Choose a paragraph of this reading (¶ 1 to ¶ ${count}).` } };
  }
  return { range: { from: choice.first, to: choice.last } };
}

/** Where a paragraph stands against the assigned range (null: the whole reading is assigned). */
export function rangePlace(range: ParagraphRange | null, position: number): "in" | "before" | "after" | null {
  if (!range) return null;
  if (position < range.from) return "before";
  if (position > range.to) return "after";
  return "in";
}

/** A saved range, with the pages it was chosen by (PAGES) and the reading's sections now. */
export type SavedRange<SectionField extends "title" = never> = {
  kind: AssignedRangeKind;
  range: ParagraphRange;
  pages: { first: number; last: number } | null;
  sections: readonly Pick<ReadingSection, "from" | "to" | SectionField>[];
};

/** The numbers (1..n) of the sections holding a range's two ends; null for a reading of one section, or an end in none. */
function sectionsHolding(
  sections: readonly Pick<ReadingSection, "from" | "to">[],
  range: ParagraphRange,
): { first: number; last: number } | null {
  if (sections.length < 2) return null;
  const number = (position: number) => sections.findIndex((section) => position >= section.from && position <= section.to) + 1;
  const [first, last] = [number(range.from), number(range.to)];
  return first > 0 && last > 0 ? { first, last } : null;
}

/**
 * How the assigned part is named to readers: "pages 3–7", "¶ 4–9", "Chapter 2 to Chapter 3" —
 * from the range as it is now (after an edit, sections and positions are today's).
 */
export function describeAssignedRange({ kind, range, pages, sections }: SavedRange<"title">): string {
  if (kind === "PAGES" && pages) return pages.first === pages.last ? `page ${pages.first}` : `pages ${pages.first}–${pages.last}`;
  const held = kind === "SECTIONS" ? sectionsHolding(sections, range) : null;
  if (held) {
    const [first, last] = [sections[held.first - 1]!, sections[held.last - 1]!];
    return first === last ? first.title : `${first.title} to ${last.title}`;
  }
  return range.from === range.to ? `¶ ${range.from}` : `¶ ${range.from}–${range.to}`;
}

/** The first words of a paragraph, to tell it apart in a list of choices. */
export function firstWords(text: string, words = 8, maxChars = 60): string {
  const parts = text.trim().split(/\s+/u).filter(Boolean);
  let out = parts.slice(0, words).join(" ");
  if (out.length > maxChars) out = out.slice(0, maxChars).replace(/\s+\S*$/u, "");
  return out.length < text.trim().length ? `${out}…` : out;
}

/**
 * After an edit of the reading, the range's boundary paragraphs. A kept paragraph keeps its row
 * (and so its place in the range, at its new position); a removed boundary moves inward to the
 * nearest kept paragraph that was inside the range; a range whose every paragraph was removed is
 * gone (null: the assignment covers the whole reading again). `before` is the reading's current
 * paragraphs before the edit, in order.
 */
export function moveRangeAfterEdit(
  before: readonly { id: string; position: number }[],
  removedIds: ReadonlySet<string>,
  range: { firstParagraphId: string; lastParagraphId: string },
): { firstParagraphId: string; lastParagraphId: string } | null {
  const ordered = [...before].sort((a, b) => a.position - b.position);
  const start = ordered.findIndex((paragraph) => paragraph.id === range.firstParagraphId);
  const end = ordered.findIndex((paragraph) => paragraph.id === range.lastParagraphId);
  if (start === -1 || end === -1 || end < start) return null;
  const kept = ordered.slice(start, end + 1).filter((paragraph) => !removedIds.has(paragraph.id));
  if (kept.length === 0) return null;
  return { firstParagraphId: kept[0]!.id, lastParagraphId: kept.at(-1)!.id };
}

/**
 * The form's values for a saved range, in the reading as it is now: pages as saved, section
 * numbers of the sections holding its ends, or paragraph positions.
 */
export function rangeChoiceOf({ kind, range, pages, sections }: SavedRange): RangeChoice {
  if (kind === "PAGES" && pages) return { kind, first: pages.first, last: pages.last };
  const held = kind === "SECTIONS" ? sectionsHolding(sections, range) : null;
  if (held) return { kind, ...held };
  return { kind: "PARAGRAPHS", first: range.from, last: range.to };
}

/** The assignment form's range fields, as strings (what was typed or chosen is kept as it was). */
export type RangeFieldValues = {
  range: "whole" | "pages" | "sections" | "paragraphs";
  firstPage: string;
  lastPage: string;
  firstSection: string;
  lastSection: string;
  firstParagraph: string;
  lastParagraph: string;
};

const FORM_FIELDS = {
  PAGES: { range: "pages", first: "firstPage", last: "lastPage" },
  SECTIONS: { range: "sections", first: "firstSection", last: "lastSection" },
  PARAGRAPHS: { range: "paragraphs", first: "firstParagraph", last: "lastParagraph" },
} as const;

/** The form's range fields for a saved part (null: the whole reading), in the reading as it is now. */
export function rangeFormValues(
  part: (ParagraphRange & { kind: AssignedRangeKind }) | null,
  pages: { first: number; last: number } | null = null,
  sections: readonly Pick<ReadingSection, "from" | "to">[] = [],
): RangeFieldValues {
  const values: RangeFieldValues = {
    range: "whole",
    firstPage: "",
    lastPage: "",
    firstSection: "",
    lastSection: "",
    firstParagraph: "",
    lastParagraph: "",
  };
  if (!part) return values;
  const choice = rangeChoiceOf({ kind: part.kind, range: part, pages, sections });
  const fields = FORM_FIELDS[choice.kind];
  return { ...values, range: fields.range, [fields.first]: String(choice.first), [fields.last]: String(choice.last) };
}
