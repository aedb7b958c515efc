// What a reader exports of a reading: a CSV of the posts and a Markdown digest (the reading's
// paragraphs, each followed by its threads). Pure: the server decides what the reader may see
// and hands over ExportPost values with content already withheld where it must be.

import { compareDocumentOrder } from "./document-order.ts";
import { toCsv } from "./csv.ts";

export type ExportPostKind = "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST" | "REPLY";

export type ExportPost = {
  id: string;
  kind: ExportPostKind;
  authorName: string;
  /** ISO 8601. */
  createdAt: string;
  editedAt: string | null;
  paragraphPosition: number;
  /** Where the quoted range starts in the reading; null for paragraph posts and replies. */
  start: number | null;
  quote: string | null;
  text: string | null;
  tags: string[];
  visibility: "PRIVATE" | "GROUP" | "COURSE";
  parentId: string | null;
  rootId: string | null;
  /** "hidden": hidden by a moderator and not readable by this reader; "deleted": its author deleted it. */
  state: "visible" | "hidden" | "deleted";
  /** Re-anchoring could not place it in the current text. */
  isOrphan: boolean;
};

export type ExportReading = {
  title: string;
  kicker: string | null;
  placeAndDate: string | null;
  source: string | null;
  paragraphs: { position: number; text: string }[];
};

export const HIDDEN_TEXT = "[hidden]";
export const DELETED_TEXT = "[deleted]";

export const CSV_HEADER = [
  "id",
  "kind",
  "author",
  "created",
  "edited",
  "paragraph",
  "quote",
  "text",
  "tags",
  "visibility",
  "parent id",
] as const;

/** One row per post, in document order (paragraph, range start, time). Formula starts are neutralised by toCsv (csv.ts). */
export function buildAnnotationCsv(posts: readonly ExportPost[]): string {
  // Threads stay together: a reply sorts with its root, after it, by time.
  const byId = new Map(posts.map((post) => [post.id, post]));
  const rootOf = (post: ExportPost) => (post.rootId ? byId.get(post.rootId) : undefined) ?? post;
  const sorted = [...posts].sort(
    (a, b) =>
      compareDocumentOrder(rootOf(a), rootOf(b)) ||
      Number(rootOf(a) !== a) - Number(rootOf(b) !== b) ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
  const rows = sorted.map((post) => [
    post.id,
    post.kind,
    post.authorName,
    post.createdAt,
    post.editedAt,
    post.paragraphPosition,
    post.state === "visible" ? post.quote : null,
    visibleText(post),
    post.tags.join("; "),
    post.visibility,
    post.parentId,
  ]);
  return toCsv([CSV_HEADER, ...rows]);
}

/**
 * Escapes text so Markdown renders it as the same characters and nothing else: no emphasis,
 * headings, lists, links, autolinks, images, HTML or entities can come out of user text.
 * Every ASCII punctuation mark Markdown gives a meaning to is backslash-escaped; a full stop is
 * escaped where it could end an ordered-list marker or join a bare domain (www.example.com).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-!|<>~&:@=^$"]/g, (char) => `\\${char}`)
    .replace(/\.(?=\S)/g, "\\.")
    .replace(/^(\s*\d+)\./gm, "$1\\.");
}

/** One line of user text for a heading or a meta line: whitespace (newlines included) collapsed. */
function escapeInline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, " ").trim());
}

type Node = { post: ExportPost; replies: Node[] };

/**
 * The reading as Markdown: title, place and date, source; then every paragraph's text followed
 * by its threads (highlights, comments with their quotes, paragraph posts, nested replies).
 * Posts the text no longer holds (orphans, retired paragraphs) come last, never dropped.
 */
export function buildMarkdownDigest(
  reading: ExportReading,
  posts: readonly ExportPost[],
  { contextLabel }: { contextLabel: string },
): string {
  const lines: string[] = [`# ${escapeInline(reading.title)}`, ""];
  if (reading.kicker) lines.push(`*${escapeInline(reading.kicker)}*`, "");
  if (reading.placeAndDate) lines.push(escapeInline(reading.placeAndDate), "");
  if (reading.source) lines.push(`Source: ${escapeInline(reading.source)}`, "");
  lines.push(`Annotations: ${escapeInline(contextLabel)}, ${posts.length} ${posts.length === 1 ? "post" : "posts"}.`, "");

  const roots = buildThreads(posts);
  const positions = new Set(reading.paragraphs.map((paragraph) => paragraph.position));
  const isPlaced = (node: Node) => !node.post.isOrphan && positions.has(node.post.paragraphPosition);
  const byParagraph = new Map<number, Node[]>();
  for (const root of roots.filter(isPlaced)) {
    const list = byParagraph.get(root.post.paragraphPosition) ?? [];
    list.push(root);
    byParagraph.set(root.post.paragraphPosition, list);
  }

  for (const paragraph of reading.paragraphs) {
    lines.push("---", "", `## Paragraph ${paragraph.position}`, "", escapeMarkdown(paragraph.text.replace(/\s*\n\s*/g, " ").trim()), "");
    const threads = byParagraph.get(paragraph.position) ?? [];
    for (const node of threads) writeNode(lines, node, 0);
    if (threads.length > 0) lines.push("");
  }

  const orphans = roots.filter((root) => !isPlaced(root));
  if (orphans.length > 0) {
    lines.push("---", "", "## Posts no longer placed in the text", "");
    for (const node of orphans) writeNode(lines, node, 0);
    lines.push("");
  }
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

const KIND_LABEL: Record<ExportPostKind, string> = {
  HIGHLIGHT: "highlight",
  COMMENT: "comment",
  PARAGRAPH_POST: "paragraph post",
  REPLY: "reply",
};

function writeNode(lines: string[], node: Node, depth: number): void {
  const { post } = node;
  const indent = "  ".repeat(depth);
  const inner = `${indent}  `;
  const author = post.state === "deleted" ? DELETED_TEXT : escapeInline(post.authorName);
  const edited = post.editedAt ? ` (edited ${formatDate(post.editedAt)})` : "";
  lines.push(`${indent}- **${author}**, ${formatDate(post.createdAt)}${edited}, ${KIND_LABEL[post.kind]}`);
  if (post.state === "visible" && post.quote) lines.push("", `${inner}> ${escapeInline(post.quote)}`);
  if (post.state !== "visible") {
    // The placeholders are ours, written as they are (no link definition makes them links).
    lines.push("", `${inner}${post.state === "hidden" ? HIDDEN_TEXT : DELETED_TEXT}`);
  } else if (post.text !== null && post.text.trim() !== "") {
    lines.push("");
    for (const line of post.text.split(/\r?\n/)) lines.push(line.trim() === "" ? "" : `${inner}${escapeMarkdown(line.trim())}`);
  }
  if (post.state === "visible" && post.tags.length > 0) lines.push("", `${inner}Tags: ${post.tags.map(escapeInline).join(", ")}`);
  if (node.replies.length > 0) lines.push("");
  for (const reply of node.replies) writeNode(lines, reply, depth + 1);
}

function visibleText(post: ExportPost): string | null {
  if (post.state === "hidden") return HIDDEN_TEXT;
  if (post.state === "deleted") return DELETED_TEXT;
  return post.text;
}

/** Threads: replies under their parent (or their root when the parent is not exported), by time. */
function buildThreads(posts: readonly ExportPost[]): Node[] {
  const nodes = new Map<string, Node>(posts.map((post) => [post.id, { post, replies: [] }]));
  const roots: Node[] = [];
  for (const node of [...nodes.values()].sort((a, b) => compareDocumentOrder(a.post, b.post))) {
    const holder =
      (node.post.parentId && nodes.get(node.post.parentId)) ||
      (node.post.rootId && node.post.rootId !== node.post.id && nodes.get(node.post.rootId)) ||
      null;
    if (holder) holder.replies.push(node);
    else if (node.post.kind !== "REPLY") roots.push(node);
  }
  return roots;
}

function formatDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
