import { describe, expect, it } from "vitest";
import { importParagraphs, importReadingInput, MAX_READING_BYTES, readingFormatFromFileName } from "./reading-input";
import { ReadingImportError } from "./reading-import";

describe("reading input", () => {
  it("[IMPORT] a file's name decides its format: .md/.markdown Markdown, .txt plain text, anything else refused", () => {
    expect(readingFormatFromFileName("Notes.MD")).toBe("markdown");
    expect(readingFormatFromFileName("a.markdown")).toBe("markdown");
    expect(readingFormatFromFileName("statement.txt")).toBe("text");
    expect(readingFormatFromFileName("paper.pdf")).toBeNull();
  });

  it("[IMPORT] text over the size limit is refused with its size and the limit", () => {
    const tooLarge = `# T\n\n${"a".repeat(MAX_READING_BYTES)}`;
    expect(() => importReadingInput(tooLarge, "markdown")).toThrow(ReadingImportError);
    expect(() => importReadingInput(tooLarge, "markdown")).toThrow(/at most 512 KiB/);
    // The limit counts UTF-8 bytes, not characters.
    const multiByte = `# T\n\n${"é".repeat(MAX_READING_BYTES / 2 + 1)}`;
    expect(() => importReadingInput(new TextEncoder().encode(multiByte), "markdown")).toThrow(/at most 512 KiB/);
    expect(importReadingInput(`# T\n\n${"a".repeat(1000)}`, "markdown").paragraphs).toHaveLength(1);
  });

  it("[IMPORT] the edit format splits on blank lines only: no title, header or page number is guessed", () => {
    const reading = importParagraphs("Short heading\n\nRepeated line\n\nRepeated line\n\n12\n\nA wrapped\nline.");
    expect(reading.title).toBeNull();
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "Short heading",
      "Repeated line",
      "Repeated line",
      "12",
      "A wrapped line.",
    ]);
    expect(() => importParagraphs(" \n\n ")).toThrow(/empty/);
  });
});
