import { describe, expect, it } from "vitest";
import { importMarkdownReading, stripInline } from "./markdown-import";
import { PARAGRAPH_SEPARATOR, ReadingImportError } from "./reading-import";

const texts = (markdown: string) => importMarkdownReading(markdown).paragraphs.map((paragraph) => paragraph.text);

function importError(input: string | Uint8Array): ReadingImportError {
  try {
    importMarkdownReading(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ReadingImportError);
    return error as ReadingImportError;
  }
  throw new Error("expected importMarkdownReading to fail");
}

describe("importMarkdownReading", () => {
  it("[MARKDOWN] a first '# heading' is the title and is not a paragraph", () => {
    const reading = importMarkdownReading("# On Reading\n\nFirst paragraph.\n\nSecond paragraph.\n");
    expect(reading.title).toBe("On Reading");
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual(["First paragraph.", "Second paragraph."]);
    expect(reading.kicker).toBeNull();
    expect(reading.source).toBeNull();
  });

  it("[MARKDOWN] a 'Title' underlined with === is the title too", () => {
    expect(importMarkdownReading("On Reading\n==========\n\nBody.").title).toBe("On Reading");
  });

  it("[MARKDOWN] without a first-level heading first there is no title (the form asks for one)", () => {
    const reading = importMarkdownReading("Just a paragraph.\n\n# Later heading\n\nMore.");
    expect(reading.title).toBeNull();
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual(["Just a paragraph.", "Later heading", "More."]);
  });

  it("[MARKDOWN] YAML front matter is dropped and its title used when no heading gives one", () => {
    const reading = importMarkdownReading('---\ntitle: "From Front Matter"\nauthor: someone\n---\n\nBody text.');
    expect(reading.title).toBe("From Front Matter");
    expect(reading.canonicalText).toBe("Body text.");
  });

  it("[MARKDOWN] other headings become their own paragraphs, markers stripped", () => {
    expect(texts("# T\n\n## Part one ##\nText under it.\n\n### Part two\n\nMore.")).toEqual([
      "Part one",
      "Text under it.",
      "Part two",
      "More.",
    ]);
  });

  it("[MARKDOWN] lines wrapped inside a paragraph are joined with a space; blank lines split", () => {
    expect(texts("# T\n\nOne line\nwrapped here  \nand here\\\nend.\n\n\n\nNext.")).toEqual([
      "One line wrapped here and here end.",
      "Next.",
    ]);
  });

  it("[MARKDOWN] inline markers are stripped and their words kept", () => {
    expect(stripInline("**strong** and __strong__, *em* and _em_, ~~gone~~, `code *not em*`")).toBe(
      "strong and strong, em and em, gone, code *not em*",
    );
    expect(stripInline("See [the treaty](https://example.org/t) and ![a map](map.png) at <https://example.org>.")).toBe(
      "See the treaty and a map at https://example.org.",
    );
  });

  it("[MARKDOWN] underscores inside words and escaped markers stay as written", () => {
    expect(stripInline("snake_case_name and 2 * 3 * 4 is \\*not\\* emphasis")).toBe("snake_case_name and 2 * 3 * 4 is *not* emphasis");
  });

  it("[MARKDOWN] list items are paragraphs: bullets as •, ordered items keep their number", () => {
    expect(texts("# T\n\n- first\n- second\n  continued\n\n1. one\n2) two")).toEqual(["• first", "• second continued", "1. one", "2. two"]);
  });

  it("[MARKDOWN] block quotes lose their '>' and thematic breaks are dropped", () => {
    expect(texts("# T\n\n> quoted\n> text\n\n---\n\n***\n\nAfter.")).toEqual(["quoted text", "After."]);
  });

  it("[MARKDOWN] a fenced code block is one paragraph whose markers are literal", () => {
    expect(texts("# T\n\n```js\nconst a = *b*;\n\nreturn a;\n```\n\nAfter.")).toEqual(["const a = *b*; return a;", "After."]);
  });

  it("[MARKDOWN] raw HTML is kept as characters, never interpreted", () => {
    expect(texts("# T\n\n<script>alert(1)</script> text")).toEqual(["<script>alert(1)</script> text"]);
  });

  it("[MARKDOWN] paragraphs are laid out in the canonical text with keys, like the plain importer", () => {
    const reading = importMarkdownReading("# T\n\nSame.\n\nOther.\n\nSame.");
    expect(reading.canonicalText).toBe(["Same.", "Other.", "Same."].join(PARAGRAPH_SEPARATOR));
    for (const paragraph of reading.paragraphs) {
      expect(reading.canonicalText.slice(paragraph.startOffset, paragraph.startOffset + paragraph.text.length)).toBe(paragraph.text);
    }
    expect(reading.paragraphs[2]!.key).toBe(`${reading.paragraphs[0]!.key}-2`);
  });

  it("[MARKDOWN] UTF-8 bytes with or without a BOM and CRLF line ends read the same", () => {
    const markdown = "# Título\r\n\r\nAñadir ünïcode.\r\n";
    const bytes = new TextEncoder().encode(markdown);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(importMarkdownReading(bytes)).toEqual(importMarkdownReading(withBom));
    expect(importMarkdownReading(withBom).title).toBe("Título");
    expect(importMarkdownReading(withBom).canonicalText).toBe("Añadir ünïcode.");
  });

  it("[MARKDOWN] refuses binary, non-UTF-8, empty and title-only input with a clear message", () => {
    expect(importError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])).code).toBe("BINARY");
    expect(importError(new Uint8Array([0x66, 0xff, 0xfe, 0x6f])).code).toBe("BINARY");
    expect(importError("  \n\n \n").code).toBe("EMPTY");
    expect(importError("---\n\n***\n").code).toBe("EMPTY");
    const titleOnly = importError("# Only a title\n");
    expect(titleOnly.code).toBe("NO_PARAGRAPHS");
    expect(titleOnly.message).toMatch(/no paragraphs/);
  });
});

describe("importMarkdownReading, CommonMark and GFM", () => {
  it("[MARKDOWN] a link reference definition is no paragraph, and its link keeps its words", () => {
    expect(texts('# T\n\nSee [the treaty][t] and [again][t].\n\n[t]: https://example.org/treaty "Treaty"\n\nAfter.')).toEqual([
      "See the treaty and again.",
      "After.",
    ]);
  });

  it("[MARKDOWN] a table is one paragraph per row, its cells joined by ' | '", () => {
    expect(texts("# T\n\n| State | Position |\n| --- | :-: |\n| China | *for* |\n| Russia | for |\n\nAfter.")).toEqual([
      "State | Position",
      "China | for",
      "Russia | for",
      "After.",
    ]);
  });

  it("[MARKDOWN] a nested list's items are paragraphs of their own", () => {
    expect(texts("# T\n\n- outer\n  - inner\n- last")).toEqual(["• outer", "• inner", "• last"]);
  });

  it("[MARKDOWN] an HTML block is kept as characters", () => {
    expect(texts("# T\n\n<div>\n<b>bold?</b>\n</div>\n\nAfter.")).toEqual(["<div> <b>bold?</b> </div>", "After."]);
  });
});
