// Turns a Markdown file into a Reading: the text a reader annotates, never HTML.
//
// The file is parsed by a CommonMark parser (mdast-util-from-markdown, with GFM tables and
// strikethrough) and read for its structure only; every block becomes plain text:
// - a first-level heading before any other text ("# Title", or "Title" underlined with "===")
//   is the title; YAML front matter's `title:` is used when there is no such heading;
// - every other heading, paragraph, list item, block quote paragraph and code block is one
//   paragraph; each table row is one paragraph, its cells joined by " | ";
// - line breaks inside a block become spaces;
// - inline markup keeps only its words: **strong**, *em*, ~~del~~, `code`, [text](url) → text,
//   ![alt](src) → alt, <https://…> → the address, escapes → the character. Raw HTML is kept as
//   the characters it is (React renders it as text);
// - bullets become "• ", ordered items keep their number ("2. "); thematic breaks and link
//   reference definitions ([id]: https://…) are dropped.
// Nothing is ever rendered from the file as HTML.

import type { Nodes, Parent, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { assembleReading, decodeReadingText, ReadingImportError, type ImportedReading } from "./reading-import.ts";

type Block = { kind: "heading"; level: number; text: string } | { kind: "text"; text: string };

const PARSE_OPTIONS = {
  extensions: [gfmTable(), gfmStrikethrough()],
  mdastExtensions: [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()],
};

/** Decodes, validates and imports a Markdown reading. Throws ReadingImportError on unusable input. */
export function importMarkdownReading(input: string | Uint8Array): ImportedReading {
  const { body, title: frontMatterTitle } = splitFrontMatter(decodeReadingText(input));
  const blocks = blocksOf(fromMarkdown(body, PARSE_OPTIONS).children).filter((block) => block.text !== "");
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

/** Inline Markdown → its words (markers, link targets and image sources dropped). */
export function stripInline(text: string): string {
  return collapseSpaces(
    blocksOf(fromMarkdown(text, PARSE_OPTIONS).children)
      .map((block) => block.text)
      .join(" "),
  );
}

function splitFrontMatter(text: string): { body: string; title: string | null } {
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { body: text, title: null };
  const titleLine = /^title:[ \t]*(.+?)[ \t]*$/m.exec(match[1]!);
  const title = titleLine ? titleLine[1]!.replace(/^(["'])(.*)\1$/, "$2").trim() || null : null;
  return { body: text.slice(match[0].length), title };
}

/** The paragraphs of a sequence of block nodes, in order. */
function blocksOf(nodes: readonly RootContent[]): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "heading":
        blocks.push({ kind: "heading", level: node.depth, text: collapseSpaces(plainText(node)) });
        break;
      case "paragraph":
        blocks.push({ kind: "text", text: collapseSpaces(plainText(node)) });
        break;
      case "code":
        // Kept as written, its lines (blank ones dropped) joined into one paragraph.
        blocks.push({ kind: "text", text: collapseSpaces(lineByLine(node.value)) });
        break;
      case "html":
        blocks.push({ kind: "text", text: collapseSpaces(lineByLine(node.value)) });
        break;
      case "blockquote":
        blocks.push(...blocksOf(node.children));
        break;
      case "list":
        node.children.forEach((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : "• ";
          const own = item.children.filter((child) => child.type !== "list");
          const text = collapseSpaces(
            blocksOf(own)
              .map((block) => block.text)
              .join(" "),
          );
          if (text !== "") blocks.push({ kind: "text", text: `${marker}${text}` });
          blocks.push(...blocksOf(item.children.filter((child) => child.type === "list")));
        });
        break;
      case "table":
        for (const row of node.children) {
          const cells = row.children.map((cell) => collapseSpaces(plainText(cell))).filter((cell) => cell !== "");
          blocks.push({ kind: "text", text: cells.join(" | ") });
        }
        break;
      // A link reference definition names a link target: no words of the text. A thematic break draws a line.
      case "definition":
      case "thematicBreak":
        break;
      default:
        // Anything else GFM could add (footnotes are not enabled): keep its words.
        if ("children" in node) blocks.push({ kind: "text", text: collapseSpaces(plainText(node)) });
        else if ("value" in node) blocks.push({ kind: "text", text: collapseSpaces(node.value) });
    }
  }
  return blocks;
}

/** The words of inline content: text, code and raw HTML as they are, images by their alt text. */
function plainText(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
    case "html":
      return node.value;
    case "image":
    case "imageReference":
      return node.alt ?? "";
    case "break":
      return " ";
    default:
      return "children" in node ? (node as Parent).children.map((child) => plainText(child as PhrasingContent)).join("") : "";
  }
}

function lineByLine(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}

function collapseSpaces(text: string): string {
  return text.replace(/[ \t\n\u00A0]+/g, " ").trim();
}
