// Turns a Markdown file into a Reading: the text a reader annotates, never HTML.
//
// Markdown is read for its structure only, and every block becomes plain text:
// - a first-level heading before any other text ("# Title", or "Title" underlined with "===")
//   is the title; YAML front matter's `title:` is used when there is no such heading;
// - every other heading, paragraph, list item, block quote and code block is one paragraph,
//   split where Markdown splits blocks (blank lines, list items, headings, fences);
// - lines wrapped inside a block are joined with a space;
// - inline markers are stripped, their words kept: **strong**, *em*, _em_, ~~del~~, `code`,
//   [text](url) → text, ![alt](src) → alt, <https://…> → the address, backslash escapes → the
//   character. Raw HTML is kept as the characters it is (React renders it as text);
// - bullets become "• ", ordered items keep their number ("2. "), thematic breaks are dropped.
// Nothing is ever rendered from the file as HTML.

import { assembleReading, decodeReadingText, ReadingImportError, type ImportedReading } from "./reading-import.ts";

type Block = { kind: "heading"; level: number; text: string } | { kind: "text" | "code"; text: string };

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BULLET_ITEM = /^ {0,3}[-*+][ \t]+(.*)$/;
const ORDERED_ITEM = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const BLOCK_QUOTE = /^ {0,3}>[ \t]?/;

/** Decodes, validates and imports a Markdown reading. Throws ReadingImportError on unusable input. */
export function importMarkdownReading(input: string | Uint8Array): ImportedReading {
  const { body, title: frontMatterTitle } = splitFrontMatter(decodeReadingText(input));
  const blocks = parseBlocks(body)
    .map((block) => ({ ...block, text: collapseSpaces(block.kind === "code" ? block.text : stripInline(block.text)) }))
    .filter((block) => block.text !== "");
  if (blocks.length === 0 && frontMatterTitle === null) {
    throw new ReadingImportError("EMPTY", "The text is empty: there is nothing to import.");
  }

  let title = frontMatterTitle;
  const first = blocks[0];
  if (first?.kind === "heading" && first.level === 1) {
    title = first.text;
    blocks.shift();
  }
  if (blocks.length === 0) {
    throw new ReadingImportError("NO_PARAGRAPHS", "The text has a title but no paragraphs to read.");
  }
  return assembleReading(
    blocks.map((block) => block.text),
    title,
  );
}

function splitFrontMatter(text: string): { body: string; title: string | null } {
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { body: text, title: null };
  const titleLine = /^title:[ \t]*(.+?)[ \t]*$/m.exec(match[1]!);
  const title = titleLine ? titleLine[1]!.replace(/^(["'])(.*)\1$/, "$2").trim() || null : null;
  return { body: text.slice(match[0].length), title };
}

/** Splits the body into blocks; a block's text keeps its inline markers (stripped later). */
function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (lines.length > 0) blocks.push({ kind: fence === null ? "text" : "code", text: lines.join(" ") });
    lines = [];
  };
  const source = text.split("\n");
  for (let index = 0; index < source.length; index += 1) {
    const line = source[index]!;
    if (fence !== null) {
      // Inside a code block the lines are kept as written; its blank lines do not split it.
      if (line.trim().startsWith(fence)) {
        flush();
        fence = null;
      } else if (line.trim() !== "") {
        lines.push(line.trim());
      }
      continue;
    }
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      flush();
      fence = fenceMatch[1]!;
      continue;
    }
    const unquoted = line.replace(BLOCK_QUOTE, "").replace(BLOCK_QUOTE, "");
    if (unquoted.trim() === "") {
      flush();
      continue;
    }
    const heading = ATX_HEADING.exec(unquoted);
    if (heading) {
      flush();
      blocks.push({ kind: "heading", level: heading[1]!.length, text: heading[2] ?? "" });
      continue;
    }
    // "Title" over "===" (or "---") is a heading; "---" after a blank line is a break.
    const underline = SETEXT_UNDERLINE.exec(unquoted);
    if (underline && lines.length > 0) {
      blocks.push({ kind: "heading", level: underline[1]!.startsWith("=") ? 1 : 2, text: lines.join(" ") });
      lines = [];
      continue;
    }
    if (THEMATIC_BREAK.test(unquoted)) {
      flush();
      continue;
    }
    const bullet = BULLET_ITEM.exec(unquoted);
    if (bullet) {
      flush();
      lines.push(`• ${bullet[1]!}`);
      continue;
    }
    const ordered = ORDERED_ITEM.exec(unquoted);
    if (ordered) {
      flush();
      lines.push(`${ordered[1]!}. ${ordered[2]!}`);
      continue;
    }
    // A trailing backslash is a hard line break: the words simply go on.
    lines.push(
      unquoted
        .trim()
        .replace(/(?<!\\)\\$/, "")
        .trimEnd(),
    );
  }
  flush();
  return blocks;
}

/** Keeps the words of inline Markdown and drops its markers. */
export function stripInline(text: string): string {
  const escapes: string[] = [];
  // Escaped characters are set aside first so that no later rule reads them as markers.
  let result = text.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_, character: string) => {
    escapes.push(character);
    return `\u0000${escapes.length - 1}\u0000`;
  });
  result = result
    // Code spans first: markers inside them are literal.
    .replace(/(`+)(.+?)\1/g, (_, _ticks: string, code: string) => protect(code.trim(), escapes))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]+)>/gi, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, "$1")
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, "$1")
    // An underscore inside a word (snake_case) is not emphasis.
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1");
  // NUL brackets the placeholders of escaped characters: imported text never contains one.
  // eslint-disable-next-line no-control-regex
  return result.replace(/\u0000(\d+)\u0000/g, (_, index: string) => escapes[Number(index)] ?? "");
}

function protect(literal: string, escapes: string[]): string {
  return literal.replace(/[\\`*_~[\]()<>!]/g, (character) => {
    escapes.push(character);
    return `\u0000${escapes.length - 1}\u0000`;
  });
}

function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00A0]+/g, " ").trim();
}
