// PDF import on the real files of ../shared/readings/pdf (a two-column paper and a 352-page
// book, made by other people's tools), and on small synthetic pages for the exact rules.
import { beforeAll, describe, expect, it } from "vitest";
import { readSharedPdf } from "../../scripts/lib/shared-readings";
import { extractPdfText } from "../documents/extract-pdf-text";
import { importPdfText, type PdfImport } from "./pdf-import";
import type { PdfTextDocument, PdfTextItem } from "./pdf-text";
import { ReadingImportError, type ImportedParagraph } from "./reading-import";
import { findSectionAt, planReadingOutline, SECTION_MAX_CHARS, type OutlineParagraph } from "./reading-sections";

function toOutlineParagraph(paragraph: ImportedParagraph): OutlineParagraph {
  const { position, kind, level, page, startOffset, text } = paragraph;
  return { position, kind, level, page, startOffset, length: text.length, heading: kind === "HEADING" ? text : null };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const EXTRACTION_TIMEOUT = 180_000;

/** The raw text of each page as pdf.js gives it, spaces collapsed (to check pages). */
function pageTexts(document: PdfTextDocument): string[] {
  return document.pages.map((page) =>
    page.items
      .map((item) => item.text)
      .join(" ")
      .replace(/\s+/g, " "),
  );
}

function findParagraph(paragraphs: readonly ImportedParagraph[], start: string): ImportedParagraph {
  const found = paragraphs.find((paragraph) => paragraph.text.startsWith(start));
  if (!found) throw new Error(`no paragraph starts with “${start}”`);
  return found;
}

describe("PDF import of tracemonkey.pdf (14 pages, two columns, pdfeTeX)", () => {
  let document: PdfTextDocument;
  let result: PdfImport;
  let paragraphs: ImportedParagraph[];
  beforeAll(async () => {
    document = await extractPdfText(readSharedPdf("tracemonkey.pdf"));
    result = importPdfText(document);
    paragraphs = result.reading.paragraphs;
  }, EXTRACTION_TIMEOUT);

  it("[IMPORT] takes the title from the first page's large text, not into the body", () => {
    expect(result.reading.title).toBe("Trace-based Just-in-Time Type Specialization for Dynamic Languages");
    expect(paragraphs.some((paragraph) => paragraph.text.includes("Trace-based Just-in-Time Type Specialization"))).toBe(false);
  });

  it("[IMPORT] the abstract is one paragraph, under its heading", () => {
    const abstract = findParagraph(
      paragraphs,
      "Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.",
    );
    expect(abstract.text).toMatch(/measured speedups of 10x and more for certain benchmark programs\.$/);
    expect(abstract.text.split(/(?<=\.) /)).toHaveLength(5);
    const heading = paragraphs[abstract.position - 2]!;
    expect(heading).toMatchObject({ kind: "HEADING", text: "Abstract", page: 1 });
  });

  it("[IMPORT] the two columns of page 1 are not interleaved", () => {
    // The left column's last paragraph runs on at the top of the right column, whole.
    const introduction = findParagraph(paragraphs, "Dynamic languages such as JavaScript, Python, and Ruby, are popular");
    expect(introduction.text).toContain(
      "JavaScript, for example, is the de facto standard for client-side web programming and is used for the application logic of browser-based productivity applications such as Google Mail, Google Docs and Zimbra Collaboration Suite.",
    );
    expect(introduction.text).toMatch(/virtual machines must provide a low startup time and high performance\.$/);
    // The right column's own paragraphs start where they start, after it.
    const compilers = findParagraph(
      paragraphs,
      "Compilers for statically typed languages rely on type information to generate efficient machine code.",
    );
    expect(compilers.position).toBe(introduction.position + 1);
    // The right column's first full sentence is whole, inside no sentence of the left column.
    const rightSentence =
      "In this domain, in order to provide a fluid user experience and enable a new generation of applications, virtual machines must provide a low startup time and high performance.";
    expect(paragraphs.filter((paragraph) => paragraph.text.includes(rightSentence))).toEqual([introduction]);
    expect(findParagraph(paragraphs, "Dynamic languages such as JavaScript are more difficult").text).not.toContain("application logic");
  });

  it("[IMPORT] no page number or running header is inside any paragraph", () => {
    expect(result.report.runningLines).toEqual([]);
    for (const paragraph of paragraphs) {
      expect(paragraph.text).not.toMatch(/^\d{1,3}$/);
      expect(paragraph.text).not.toContain("Trace-based Just-in-Time");
    }
  });

  it("[IMPORT] words hyphenated at line ends are rejoined, real hyphens stay", () => {
    const text = result.reading.canonicalText;
    // Broken by the typesetter (page 1, abstract and introduction).
    for (const word of [
      "compile than",
      "alternative compilation",
      "the actual dynamic",
      "lazily discovered",
      "Collaboration Suite",
      "optimized machine",
    ]) {
      expect(text).toContain(word);
    }
    expect(text).toContain("We call the resulting tracing VM TraceMonkey.");
    // Hyphens that belong to the words.
    for (const word of ["dynamically-typed languages", "at run-time and", "inter-procedural type specialization", "mixed-mode execution"]) {
      expect(text).toContain(word);
    }
    // No line-end hyphen left dangling before a lower-case continuation.
    expect(text).not.toMatch(/\p{Ll}- \p{Ll}/u);
  });

  it("[IMPORT] the page of every paragraph is the page its first words are printed on (first and last of each page included)", () => {
    const pages = pageTexts(document);
    const byPage = new Map<number, ImportedParagraph[]>();
    for (const paragraph of paragraphs) byPage.set(paragraph.page!, [...(byPage.get(paragraph.page!) ?? []), paragraph]);
    expect([...byPage.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    for (const [page, onPage] of byPage) {
      for (const paragraph of [onPage[0]!, onPage.at(-1)!]) {
        // The first three words, as printed (up to a hyphen or superscript), spaces aside.
        const opening = paragraph.text
          .split(/\s+/)
          .slice(0, 3)
          .join("")
          .replace(/[-¹²³⁴⁵⁶⁷⁸⁹⁰].*$/u, "");
        expect(pages[page - 1]!.replace(/\s/g, ""), `paragraph ${paragraph.position} on page ${page}`).toContain(opening);
      }
    }
    expect(findParagraph(paragraphs, "Representation specialization: numbers.").page).toBe(5);
    expect(paragraphs.at(-1)!.page).toBe(14);
  });

  it("[IMPORT] headings keep their level; captions and footnotes are their own paragraphs", () => {
    expect(findParagraph(paragraphs, "1. Introduction")).toMatchObject({ kind: "HEADING", level: 1 });
    expect(findParagraph(paragraphs, "3.1 Traces")).toMatchObject({ kind: "HEADING", level: 2 });
    expect(findParagraph(paragraphs, "Figure 1. Sample program: sieve of Eratosthenes.")).toMatchObject({ kind: "CAPTION", page: 2 });
    // The footnote follows the paragraph citing it; its mark stays a superscript in the sentence.
    const citing = paragraphs.find((paragraph) => paragraph.text.includes("back to a double.¹ Clearly, a JavaScript VM"))!;
    expect(citing).toBeDefined();
    const note = paragraphs[citing.position]!;
    expect(note).toMatchObject({ kind: "NOTE", page: 5 });
    expect(note.text).toMatch(/^¹ Arrays are actually worse than this/);
    expect(result.reading.canonicalText).not.toMatch(/double\.\s*1\s*Clearly/);
    expect(result.report.pagesWithColumns).toBe(14);
  });

  it("[SECTIONS] a 14-page paper is read at once: one section, its headings the table of contents", () => {
    const { sections, contents } = planReadingOutline(paragraphs.map(toOutlineParagraph));
    expect(sections).toHaveLength(1);
    expect(contents.map((entry) => entry.title)).toContain("3.1 Traces");
  });
});

describe("PDF import of freeculture.pdf (352 pages, a book)", () => {
  let result: PdfImport;
  let paragraphs: ImportedParagraph[];
  beforeAll(async () => {
    result = importPdfText(await extractPdfText(readSharedPdf("freeculture.pdf")));
    paragraphs = result.reading.paragraphs;
  }, EXTRACTION_TIMEOUT);

  const CONTENTS = [
    "PREFACE",
    "INTRODUCTION",
    "“PIRACY”",
    "CHAPTER ONE: Creators",
    "CHAPTER TWO: “Mere Copyists”",
    "CHAPTER THREE: Catalogs",
    "CHAPTER FOUR: “Pirates”",
    "CHAPTER FIVE: “Piracy”",
    "“PROPERTY”",
    "CHAPTER SIX: Founders",
    "CHAPTER SEVEN: Recorders",
    "CHAPTER EIGHT: Transformers",
    "CHAPTER NINE: Collectors",
    "CHAPTER TEN: “Property”",
    "PUZZLES",
    "CHAPTER ELEVEN: Chimera",
    "CHAPTER TWELVE: Harms",
    "BALANCES",
    "CHAPTER THIRTEEN: Eldred",
    "CHAPTER FOURTEEN: Eldred II",
    "CONCLUSION",
    "AFTERWORD",
    "NOTES",
    "ACKNOWLEDGMENTS",
    "INDEX",
  ];

  it("[IMPORT] every part and chapter of the book's table of contents is a top-level heading, in order", () => {
    const headings = paragraphs.filter((paragraph) => paragraph.kind === "HEADING" && paragraph.level! <= 2);
    let from = 0;
    for (const title of CONTENTS) {
      const index = headings.findIndex((heading, at) => at >= from && heading.text === title);
      expect(index, `heading “${title}”`).toBeGreaterThanOrEqual(0);
      from = index + 1;
    }
    expect(result.reading.title).toBe("Free Culture");
  });

  it("[IMPORT] running headers and footers (FREE CULTURE, chapter titles with page numbers, the link) are in no paragraph", () => {
    const footer =
      /(?:INTRODUCTION|“PIRACY”|“PROPERTY”|PUZZLES|BALANCES|CONCLUSION|AFTERWORD|NOTES|INDEX|PREFACE) \d{1,3}\b|\b\d{1,3} (?:FREE CULTURE|NOTES|INDEX)\b/;
    for (const paragraph of paragraphs) {
      if (paragraph.text !== "FREE CULTURE") expect(paragraph.text).not.toContain("FREE CULTURE");
      expect(paragraph.text).not.toContain("free-culture.org/get-it");
      if (paragraph.page! < 9 || paragraph.page! > 11) expect(paragraph.text, `paragraph ${paragraph.position}`).not.toMatch(footer);
    }
    expect(result.report.runningLines.map((line) => line.text)).toContain("<http://free-culture.org/get-it>");
    expect(result.report.runningLines[0]!.pages).toBeGreaterThan(150);
  });

  it("[IMPORT] a paragraph cut by a page break is one paragraph, its hyphenated word whole", () => {
    const paragraph = paragraphs.find((candidate) =>
      candidate.text.includes("Am I allowed to enter into an exclusive license with Delta Airlines?"),
    );
    expect(paragraph?.page).toBe(17);
  });

  it("[SECTIONS] every chapter heading of the book's table of contents starts a section; no section is longer than the cap", () => {
    const { sections, contents } = planReadingOutline(paragraphs.map(toOutlineParagraph));
    for (const title of CONTENTS) {
      const heading = paragraphs.find((paragraph) => paragraph.kind === "HEADING" && paragraph.text === title)!;
      const section = findSectionAt(sections, heading.position)!;
      // A part's title page alone joins its first chapter's section: "“PIRACY” — CHAPTER ONE: Creators".
      if (title.startsWith("CHAPTER")) expect(section.title, title).toMatch(new RegExp(`(^| — )${escapeRegExp(title)}$`));
      else expect(section.title.startsWith(title), title).toBe(true);
      expect(contents.find((entry) => entry.position === heading.position)?.section).toBe(section.number);
    }
    for (const section of sections) expect(section.endOffset - section.startOffset).toBeLessThanOrEqual(SECTION_MAX_CHARS);
    expect(sections.at(-1)!.to).toBe(paragraphs.length);
  });

  it("[IMPORT] the index and the contents are one entry per paragraph", () => {
    expect(paragraphs.some((paragraph) => paragraph.text === "advertising, 36, 45–46, 127, 145–46, 167–68, 321n")).toBe(true);
    expect(paragraphs.some((paragraph) => paragraph.text === "CHAPTER ONE: Creators 21" && paragraph.kind === "TEXT")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic pages: the rules one by one.

const FONTS = {
  body: { id: "body", name: "Serif", isBold: false, isItalic: false, isMonospace: false },
  bold: { id: "bold", name: "Serif-Bold", isBold: true, isItalic: false, isMonospace: false },
};

function item(text: string, x: number, y: number, fontSize = 10, fontId = "body"): PdfTextItem {
  return { text, x, y, width: text.length * fontSize * 0.5, fontSize, fontId };
}

function documentOf(pages: PdfTextItem[][], outline: PdfTextDocument["outline"] = []): PdfTextDocument {
  return {
    pages: pages.map((items, index) => ({ number: index + 1, box: [0, 0, 612, 792], items, rotatedItems: 0 })),
    fonts: FONTS,
    outline,
    metadataTitle: null,
  };
}

/**
 * A justified column of lines from the top, 12 points apart and 240 wide: a line starting with a
 * tab is a paragraph's indented first line; a line ending a sentence is a paragraph's short last line.
 */
function column(lines: readonly string[], x: number, top: number, fontSize = 10): PdfTextItem[] {
  return lines.map((line, index) => {
    const isFirst = line.startsWith("\t");
    const text = line.replace(/^\t/, "");
    const isLast = /[.!?]$/.test(text);
    const start = x + (isFirst ? 12 : 0);
    return { ...item(text, start, top - 12 * index, fontSize), width: isLast ? text.length * 4 : x + 240 - start };
  });
}

describe("PDF layout rules", () => {
  it("[IMPORT] a page without text (a scan) is refused with a message that names the reason", () => {
    const scanned = documentOf([[], [], [item("3", 300, 40)]]);
    expect(() => importPdfText(scanned)).toThrow(ReadingImportError);
    expect(() => importPdfText(scanned)).toThrow(/no text to read.*no OCR/i);
  });

  it("[IMPORT] two columns are read left then right; a title across both first", () => {
    const left = column(
      [
        "\tLeft column opens a sentence that",
        "runs over several lines of the",
        "left column and ends here.",
        "\tA second left paragraph goes",
        "on to the foot of the column",
        "without a break, words one two",
      ],
      50,
      700,
    );
    const right = column(
      [
        "three four, and ends right here.",
        "\tThe right column has its own",
        "paragraph, which ends at last.",
        "\tThen a final one of a line.",
        "\tWith more words to fill a",
        "column of decent height here.",
      ],
      320,
      700,
    );
    const title = [item("A Title Across Both Columns", 150, 760, 20)];
    const { reading } = importPdfText(documentOf([[...title, ...right, ...left]]));
    expect(reading.title).toBe("A Title Across Both Columns");
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "Left column opens a sentence that runs over several lines of the left column and ends here.",
      "A second left paragraph goes on to the foot of the column without a break, words one two three four, and ends right here.",
      "The right column has its own paragraph, which ends at last.",
      "Then a final one of a line.",
      "With more words to fill a column of decent height here.",
    ]);
  });

  it("[IMPORT] a line repeated at the same place on several pages is a running header, with its page number", () => {
    const words = ["Apples", "Birds", "Clouds", "Dunes"];
    const pages = [1, 2, 3, 4].map((number) => [
      item(`Journal of Examples ${number}`, 200, 760, 8),
      ...column(
        [`\t${words[number - 1]} open this page's sentence, which`, `goes on about ${words[number - 1]!.toLowerCase()} to the end.`],
        72,
        700,
      ),
      item(String(number), 300, 40, 8),
    ]);
    const { reading, report } = importPdfText(documentOf(pages));
    expect(reading.canonicalText).not.toContain("Journal of Examples");
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "Apples open this page's sentence, which goes on about apples to the end.",
      "Birds open this page's sentence, which goes on about birds to the end.",
      "Clouds open this page's sentence, which goes on about clouds to the end.",
      "Dunes open this page's sentence, which goes on about dunes to the end.",
    ]);
    expect(report.runningLines).toEqual([{ text: "Journal of Examples 1", pages: 4 }]);
    expect(report.pageNumbersRemoved).toBe(4);
  });

  it("[IMPORT] a footnote under the body is a note after the paragraph citing it, not spliced into the text", () => {
    const page = [
      ...column(["\tA paragraph cites a note here", "and goes on after the mark."], 72, 700),
      item("¹", 200, 704, 6),
      ...column(["\tThe next paragraph follows", "and is long enough to count."], 72, 660),
      item("1", 72, 104, 6),
      item("The note itself, in small print.", 76, 100, 8),
    ];
    const { reading } = importPdfText(documentOf([page]));
    const texts = reading.paragraphs.map((paragraph) => `${paragraph.kind}:${paragraph.text}`);
    expect(texts).toEqual([
      "TEXT:A paragraph cites a note here¹ and goes on after the mark.",
      "NOTE:¹ The note itself, in small print.",
      "TEXT:The next paragraph follows and is long enough to count.",
    ]);
  });

  it("[IMPORT] a bold line set apart is a heading; the outline gives its level", () => {
    const page = [
      item("Chapter One: Beginnings", 72, 740, 10, "bold"),
      ...column(["\tBody text of the chapter starts", "and carries on to a full stop."], 72, 700),
    ];
    const { reading } = importPdfText(documentOf([page], [{ title: "1. Beginnings", page: 1, depth: 1 }]));
    expect(reading.paragraphs[0]).toMatchObject({ kind: "HEADING", level: 2, text: "Chapter One: Beginnings" });
    expect(reading.paragraphs[1]).toMatchObject({ kind: "TEXT", page: 1 });
  });
});
