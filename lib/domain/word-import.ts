// Turns a Word document (.docx, as mammoth reads it: lib/documents/extract-docx-document.ts) into
// a reading. Word knows its structure, so nothing is guessed from layout:
// - a paragraph in the Title style is the title; "Heading 1…4" are headings (deeper ones level 4);
// - list paragraphs are list items (ordered ones keep their number: "2. …");
// - quote styles ("Quote", "Quotations", "Block Text", "Intense Quote") are block quotes, code
//   styles are code, "Caption" is a caption;
// - a footnote reference becomes its mark (¹²³) in the sentence and the footnote a NOTE paragraph
//   right after the paragraph; endnotes are NOTE paragraphs at the end;
// - a table's rows are kept as paragraphs, cells separated by " | "; images are left out;
//   both are reported for the preview, as are empty paragraphs dropped.
import {
  assembleReadingFromBlocks,
  MAX_HEADING_LEVEL,
  ReadingImportError,
  type ImportedReading,
  type ReadingBlock,
} from "./reading-import.ts";

/** A node of mammoth's document model (lib/documents.js there), reduced to what is read here. */
export type WordNode = {
  type: string;
  value?: string;
  children?: WordNode[];
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { isOrdered: boolean; level: string | number } | null;
  verticalAlignment?: string;
  noteType?: string;
  noteId?: string;
  altText?: string | null;
  breakType?: string;
};

export type WordNote = { noteType: string; noteId: string; body: WordNode[] };

export type WordDocument = { children: WordNode[]; notes: WordNote[] };

export type WordImportReport = {
  headings: number;
  listItems: number;
  quotes: number;
  footnotes: number;
  endnotes: number;
  /** Images left out (the text has no place for them). */
  images: number;
  tables: number;
  tableRows: number;
};

export type WordImport = { reading: ImportedReading; report: WordImportReport };

const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function superscript(text: string): string {
  return text.replace(/\d/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)]!);
}

type ParagraphKind = "TITLE" | ReadingBlock["kind"];

function styleOf(node: WordNode): { kind: ParagraphKind; level: number | null } {
  const name = `${node.styleName ?? ""}`.trim();
  const id = `${node.styleId ?? ""}`.trim();
  if (/^title$/i.test(name) || /^title$/i.test(id)) return { kind: "TITLE", level: null };
  const heading = /^heading\s*(\d)$/i.exec(name) ?? /^heading(\d)$/i.exec(id);
  if (heading) return { kind: "HEADING", level: Math.min(MAX_HEADING_LEVEL, Math.max(1, Number(heading[1]))) };
  if (/quot|block\s*text/i.test(name) || /quot|blocktext/i.test(id)) return { kind: "QUOTE", level: null };
  if (/code|source|preformatted|plain\s*text|macro/i.test(name)) return { kind: "CODE", level: null };
  if (/^caption$/i.test(name) || /^caption$/i.test(id)) return { kind: "CAPTION", level: null };
  if (node.numbering) return { kind: "LIST_ITEM", level: null };
  return { kind: "TEXT", level: null };
}

export function importWordDocument(document: WordDocument): WordImport {
  const report: WordImportReport = { headings: 0, listItems: 0, quotes: 0, footnotes: 0, endnotes: 0, images: 0, tables: 0, tableRows: 0 };
  const notesByKey = new Map(document.notes.map((note) => [`${note.noteType}-${note.noteId}`, note]));
  const markOf = new Map<string, string>();
  // Footnotes and endnotes share one numbering, so a mark never stands for two notes.
  let noteCount = 0;
  const endnotes: ReadingBlock[] = [];
  const blocks: ReadingBlock[] = [];
  let title: string | null = null;
  // Ordered list numbers, per level, for the list being read.
  let listCounters: number[] = [];

  /** A paragraph's text; its footnotes are collected into `pendingNotes`. */
  const textOf = (nodes: readonly WordNode[], pendingNotes: WordNote[]): string => {
    let text = "";
    for (const node of nodes) {
      switch (node.type) {
        case "text":
          text += node.value ?? "";
          break;
        case "tab":
          text += " ";
          break;
        case "break":
          text += " ";
          break;
        case "image":
          report.images += 1;
          break;
        case "noteReference": {
          const key = `${node.noteType}-${node.noteId}`;
          const note = notesByKey.get(key);
          if (!note) break;
          let mark = markOf.get(key);
          if (!mark) {
            noteCount += 1;
            mark = superscript(String(noteCount));
            markOf.set(key, mark);
            pendingNotes.push(note);
          }
          text += mark;
          break;
        }
        case "run": {
          const inner = textOf(node.children ?? [], pendingNotes);
          text += node.verticalAlignment === "superscript" && /^\d+$/.test(inner.trim()) ? superscript(inner.trim()) : inner;
          break;
        }
        default:
          text += textOf(node.children ?? [], pendingNotes);
      }
    }
    return text;
  };

  const noteBlock = (note: WordNote, mark: string): ReadingBlock => {
    const parts = note.body.map((paragraph) => clean(textOf(paragraph.children ?? [], []))).filter((part) => part !== "");
    return { kind: "NOTE", text: clean(`${mark} ${parts.join(" ")}`), level: null, page: null };
  };

  const readParagraph = (node: WordNode) => {
    const pendingNotes: WordNote[] = [];
    let text = clean(textOf(node.children ?? [], pendingNotes));
    const { kind, level } = styleOf(node);
    if (kind === "LIST_ITEM") {
      const depth = Math.max(0, Number(node.numbering?.level ?? 0) || 0);
      listCounters = listCounters.slice(0, depth + 1);
      while (listCounters.length <= depth) listCounters.push(0);
      listCounters[depth]! += 1;
      if (node.numbering?.isOrdered && text !== "") text = `${listCounters[depth]}. ${text}`;
    } else {
      listCounters = [];
    }
    if (text !== "") {
      if (kind === "TITLE" && title === null && blocks.length === 0) {
        title = text;
      } else {
        const blockKind = kind === "TITLE" ? "HEADING" : kind;
        blocks.push({ kind: blockKind, text, level: blockKind === "HEADING" ? (level ?? 1) : null, page: null });
        if (blockKind === "HEADING") report.headings += 1;
        if (blockKind === "LIST_ITEM") report.listItems += 1;
        if (blockKind === "QUOTE") report.quotes += 1;
      }
    }
    for (const note of pendingNotes) {
      const mark = markOf.get(`${note.noteType}-${note.noteId}`)!;
      if (note.noteType === "endnote") {
        endnotes.push(noteBlock(note, mark));
        report.endnotes += 1;
      } else {
        blocks.push(noteBlock(note, mark));
        report.footnotes += 1;
      }
    }
  };

  const readTable = (table: WordNode) => {
    report.tables += 1;
    for (const row of table.children ?? []) {
      if (row.type !== "tableRow") continue;
      const cells = (row.children ?? []).map((cell) =>
        clean(
          (cell.children ?? [])
            .map((child) => (child.type === "paragraph" ? textOf(child.children ?? [], []) : textOf([child], [])))
            .join(" "),
        ),
      );
      if (cells.some((cell) => cell !== "")) {
        blocks.push({ kind: "TEXT", text: cells.join(" | "), level: null, page: null });
        report.tableRows += 1;
      }
    }
  };

  const readBody = (nodes: readonly WordNode[]) => {
    for (const node of nodes) {
      if (node.type === "paragraph") readParagraph(node);
      else if (node.type === "table") readTable(node);
      else readBody(node.children ?? []);
    }
  };
  readBody(document.children);
  blocks.push(...endnotes);

  if (blocks.length === 0) {
    throw new ReadingImportError(
      title ? "NO_PARAGRAPHS" : "EMPTY",
      title ? "The document has a title but no paragraphs to read." : "The document is empty: there is no text to import.",
    );
  }
  return { reading: assembleReadingFromBlocks(blocks, title), report };
}

/** Spaces collapsed (tabs, line breaks, non-breaking spaces too), ends trimmed. */
function clean(text: string): string {
  return text.replace(/[\s\u00A0]+/g, " ").trim();
}
