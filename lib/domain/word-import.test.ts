import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { extractDocxDocument } from "../documents/extract-docx-document";
import { ReadingImportError } from "./reading-import";
import { importWordDocument, type WordDocument, type WordImport, type WordNode } from "./word-import";

const samplePath = path.resolve(import.meta.dirname, "../../e2e/fixtures/readings/scholia-word-sample.docx");

describe("Word import of a .docx saved by LibreOffice Writer", () => {
  let result: WordImport;
  beforeAll(async () => {
    result = importWordDocument(await extractDocxDocument(new Uint8Array(readFileSync(samplePath))));
  });

  it("[IMPORT] the Title paragraph is the title; headings, lists, quotes and notes keep their kind", () => {
    expect(result.reading.title).toBe("Reading Closely in a Word Document");
    expect(result.reading.paragraphs.map(({ kind, level, text }) => ({ kind, level, text }))).toEqual([
      { kind: "HEADING", level: 1, text: "Why the margin matters" },
      {
        kind: "TEXT",
        level: null,
        text: "Close reading asks the reader to slow down and attend to every word on the page.¹ Annotations in the margin let a class see where attention gathers and where it thins out.",
      },
      { kind: "NOTE", level: null, text: "¹ The phrase goes back to the New Critics of the 1930s." },
      { kind: "TEXT", level: null, text: "A good discussion returns to the text and cites the words it is talking about." },
      { kind: "LIST_ITEM", level: null, text: "Highlight a passage." },
      { kind: "LIST_ITEM", level: null, text: "Write a comment on it." },
      { kind: "LIST_ITEM", level: null, text: "Reply to a classmate." },
      { kind: "HEADING", level: 2, text: "What others have said" },
      { kind: "QUOTE", level: null, text: "The margin is where the reader talks back to the book." },
      { kind: "LIST_ITEM", level: null, text: "1. Read the passage twice." },
      { kind: "LIST_ITEM", level: null, text: "2. Ask one question about it." },
      { kind: "TEXT", level: null, text: "Week | Reading" },
      { kind: "TEXT", level: null, text: "1 | The statement of 2006" },
      { kind: "TEXT", level: null, text: "A figure follows." },
      { kind: "TEXT", level: null, text: "The last paragraph ends the document." },
    ]);
  });

  it("[IMPORT] what cannot be kept is reported: the image left out, the table kept as rows", () => {
    expect(result.report).toMatchObject({ images: 1, tables: 1, tableRows: 2, footnotes: 1, headings: 2, listItems: 5, quotes: 1 });
  });
});

describe("Word import rules", () => {
  const paragraph = (text: string, style: Partial<WordNode> = {}): WordNode => ({
    type: "paragraph",
    styleName: "Normal",
    ...style,
    children: [{ type: "run", children: [{ type: "text", value: text }] }],
  });
  const document = (children: WordNode[], notes: WordDocument["notes"] = []): WordDocument => ({ children, notes });

  it("[IMPORT] an endnote is a note at the end; footnotes and endnotes share one numbering", () => {
    const { reading, report } = importWordDocument(
      document(
        [
          {
            type: "paragraph",
            children: [
              { type: "run", children: [{ type: "text", value: "First claim." }] },
              { type: "noteReference", noteType: "footnote", noteId: "1" },
              { type: "run", children: [{ type: "text", value: " Second claim." }] },
              { type: "noteReference", noteType: "endnote", noteId: "1" },
            ],
          },
          paragraph("Closing paragraph."),
        ],
        [
          { noteType: "footnote", noteId: "1", body: [paragraph("A footnote.")] },
          { noteType: "endnote", noteId: "1", body: [paragraph("An endnote.")] },
        ],
      ),
    );
    expect(reading.paragraphs.map((item) => `${item.kind}:${item.text}`)).toEqual([
      "TEXT:First claim.¹ Second claim.²",
      "NOTE:¹ A footnote.",
      "TEXT:Closing paragraph.",
      "NOTE:² An endnote.",
    ]);
    expect(report).toMatchObject({ footnotes: 1, endnotes: 1 });
  });

  it("[IMPORT] heading levels past 4 are level 4; empty paragraphs are dropped; a superscript number becomes ¹²³", () => {
    const { reading } = importWordDocument(
      document([
        paragraph("Deep heading", { styleName: "Heading 6" }),
        paragraph("   "),
        {
          type: "paragraph",
          children: [
            { type: "text", value: "E = mc" },
            { type: "run", verticalAlignment: "superscript", children: [{ type: "text", value: "2" }] },
          ],
        },
      ]),
    );
    expect(reading.title).toBeNull();
    expect(reading.paragraphs.map(({ kind, level, text }) => `${kind}${level ?? ""}:${text}`)).toEqual([
      "HEADING4:Deep heading",
      "TEXT:E = mc²",
    ]);
  });

  it("[IMPORT] an empty document is refused with a message", () => {
    expect(() => importWordDocument(document([paragraph("")]))).toThrow(ReadingImportError);
    expect(() => importWordDocument(document([paragraph("Only a title", { styleName: "Title" })]))).toThrow(/no paragraphs/);
  });
});

describe("reading a .docx with mammoth", () => {
  it("[IMPORT] a file that is not a .docx is refused, an old .doc or protected file says how to fix it", async () => {
    await expect(extractDocxDocument(new TextEncoder().encode("plain text, not a document"))).rejects.toMatchObject({ code: "UNREADABLE" });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(extractDocxDocument(ole)).rejects.toThrow(/save it as \.docx without a password/);
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(extractDocxDocument(brokenZip)).rejects.toThrow(/damaged/);
  });
});
