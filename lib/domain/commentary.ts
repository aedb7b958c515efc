import { z } from "zod";

// Commentary is stored as tiptap (ProseMirror) JSON and turned into HTML on the server, so this
// module is the allowlist between what a client sends and what is stored and rendered. It mirrors
// the editor's schema (StarterKit without headings, rules, strike and underline; link limited
// to http, https and mailto) and is strict in one direction only: anything valid here is a
// valid document for that schema.
//
// Policy, chosen so a stored document carries no meaning we did not allow:
// - unknown node types and unknown marks are REJECTED, with a message naming them;
// - unknown attributes are STRIPPED (zod drops keys a schema does not declare): `style`,
//   `class`, `onclick` on any node, and a link's `target`, `rel`, `class` and `title` (the
//   renderer sets target and rel itself). Default-valued attributes are dropped as well
//   (orderedList start 1, codeBlock language null), so one document has one stored form;
// - marks are kept in the schema's order (link, bold, code, italic), adjacent text with the
//   same marks is merged, and empty content arrays are dropped — what ProseMirror itself does
//   when it loads a document, so the stored JSON is already canonical.
// The limits are checked on the raw input before any recursive parsing, so a hostile document
// (very deep, very large, cyclic) costs a bounded walk and cannot overflow the stack.

export const COMMENTARY_LIMITS = {
  /** Characters of the JSON as received (text plus formatting). */
  maxJsonLength: 20_000,
  /** Nodes nested inside one another, the doc counting as 1 (doc → paragraph → text is 3). */
  maxDepth: 12,
  /** Characters of plain text (see commentaryToPlainText). */
  maxTextLength: 10_000,
  maxLinkLength: 2_000,
  maxLanguageLength: 30,
} as const;

export const ALLOWED_LINK_PROTOCOLS = ["http:", "https:", "mailto:"] as const;

export type CommentaryMark = { type: "bold" } | { type: "italic" } | { type: "code" } | { type: "link"; attrs: { href: string } };
export type CommentaryText = { type: "text"; text: string; marks?: CommentaryMark[] };
export type CommentaryHardBreak = { type: "hardBreak" };
export type CommentaryInline = CommentaryText | CommentaryHardBreak;
export type CommentaryParagraph = { type: "paragraph"; content?: CommentaryInline[] };
export type CommentaryCodeBlock = {
  type: "codeBlock";
  attrs?: { language: string };
  content?: { type: "text"; text: string }[];
};
export type CommentaryBlockquote = { type: "blockquote"; content: CommentaryBlock[] };
/** Starts with a paragraph, as tiptap's list item (content "paragraph block*"). */
export type CommentaryListItem = { type: "listItem"; content: CommentaryBlock[] };
export type CommentaryBulletList = { type: "bulletList"; content: CommentaryListItem[] };
export type CommentaryOrderedList = { type: "orderedList"; attrs?: { start: number }; content: CommentaryListItem[] };
export type CommentaryBlock =
  CommentaryParagraph | CommentaryCodeBlock | CommentaryBlockquote | CommentaryBulletList | CommentaryOrderedList;
// Written out rather than inferred: zod cannot infer recursive types. commentaryDocSchema is
// typed against it, so the two cannot drift apart.
export type CommentaryDoc = { type: "doc"; content: CommentaryBlock[] };

export type ParseCommentaryResult = { ok: true; doc: CommentaryDoc; text: string } | { ok: false; message: string };

const MESSAGES = {
  malformed: "This comment could not be read. Reload the page and try again.",
  empty: "Write something before posting.",
  tooLarge: `This comment is too long to save. Shorten it or remove some formatting (the limit is ${COMMENTARY_LIMITS.maxJsonLength.toLocaleString("en")} characters including formatting).`,
  tooDeep: "This comment is nested too deeply. Put fewer lists and quotes inside one another.",
  badCharacters: "This comment contains characters that cannot be saved (a null character or a broken emoji). Remove them and try again.",
  emptyText: "This comment contains an empty piece of text. Remove it and try again.",
  linkProtocol: "Links must start with http://, https:// or mailto:.",
  linkTooLong: `Links can be at most ${COMMENTARY_LIMITS.maxLinkLength.toLocaleString("en")} characters long.`,
  codeWithMarks: "Inline code cannot also be bold, italic or a link. Remove one of the styles.",
  codeBlockMarks: "Code blocks cannot contain bold, italic, code or link styles.",
  codeLanguage: `A code block's language must be up to ${COMMENTARY_LIMITS.maxLanguageLength} lowercase letters, digits or hyphens, like "python".`,
  listStart: "A numbered list must start at a whole number, 1 or more.",
  emptyList: "A list needs at least one item.",
  emptyQuote: "A quote cannot be empty. Write something in it or remove it.",
  listItemStart: "Each list item must start with a line of text.",
} as const;

const BLOCK_TYPES = ["paragraph", "codeBlock", "blockquote", "bulletList", "orderedList"] as const;
const INLINE_TYPES = ["text", "hardBreak"] as const;
const KNOWN_NODE_TYPES: ReadonlySet<string> = new Set(["doc", "listItem", ...BLOCK_TYPES, ...INLINE_TYPES]);
/** The order ProseMirror keeps marks in for the StarterKit schema (link has the highest priority). */
const MARK_ORDER = ["link", "bold", "code", "italic"] as const;

// Null characters and unpaired surrogates are valid in a JS string but refused by PostgreSQL's
// jsonb: let them through and the save fails with a 500.
const UNSAVEABLE_CHARACTERS = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// The URL parser silently removes tabs and newlines ("java\nscript:"), so they are refused
// outright, with every other control character.
const CONTROL_CHARACTERS = /\p{Cc}/u; // U+0000–U+001F and U+007F–U+009F
const LANGUAGE = /^[a-z0-9-]+$/;

/** A type name for messages: what the client sent, quoted and cut short. */
function describeType(value: unknown): string | null {
  if (typeof value !== "object" || value === null || !("type" in value) || typeof value.type !== "string") return null;
  const type = value.type.length > 40 ? `${value.type.slice(0, 40)}…` : value.type;
  return `"${type}"`;
}

/** Error for a node whose type is not allowed where it stands. */
function misplacedNode(where: "block" | "inline" | "list"): z.core.$ZodErrorMap {
  return (issue) => {
    const input = issue.code === "invalid_union" ? issue.input : undefined;
    const type = describeType(input);
    if (type === null) return MESSAGES.malformed;
    const name = (input as { type: string }).type;
    if (!KNOWN_NODE_TYPES.has(name)) {
      return `Comments cannot contain ${type} elements. Use paragraphs, lists, quotes, code and links.`;
    }
    if (name === "doc") return MESSAGES.malformed;
    if (where === "list") return "Lists can only contain list items.";
    if (name === "listItem") return "List items can only appear inside a bulleted or numbered list.";
    if (where === "block") return "Text must be inside a paragraph.";
    return `A paragraph cannot contain a ${type} element.`;
  };
}

const textString = z
  .string({ error: MESSAGES.malformed })
  .min(1, MESSAGES.emptyText)
  .refine((text) => !UNSAVEABLE_CHARACTERS.test(text), MESSAGES.badCharacters);

const hrefSchema = z
  .string({ error: MESSAGES.linkProtocol })
  .transform((href) => href.replace(/^ +| +$/g, ""))
  .refine((href) => href.length <= COMMENTARY_LIMITS.maxLinkLength, { message: MESSAGES.linkTooLong, abort: true })
  .refine(isSafeHref, MESSAGES.linkProtocol);

/** An absolute http(s) or mailto URL. Relative and protocol-relative URLs have no protocol of
 *  their own (the page's would apply), so the URL constructor, given no base, refuses them. */
export function isSafeHref(href: string): boolean {
  if (href === "" || CONTROL_CHARACTERS.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol);
}

const markSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("bold") }),
    z.object({ type: z.literal("italic") }),
    z.object({ type: z.literal("code") }),
    z.object({
      type: z.literal("link"),
      attrs: z.object({ href: hrefSchema }, { error: MESSAGES.linkProtocol }),
    }),
  ],
  {
    error: (issue) => {
      const type = describeType(issue.input);
      return type === null ? MESSAGES.malformed : `The ${type} style is not allowed in comments. Use bold, italic, code or a link.`;
    },
  },
);

const textSchema = z
  .object({
    type: z.literal("text"),
    text: textString,
    marks: z.array(markSchema, { error: MESSAGES.malformed }).optional(),
  })
  .superRefine((node, context) => {
    const types = (node.marks ?? []).map((mark) => mark.type);
    const repeated = types.find((type, index) => types.indexOf(type) !== index);
    if (repeated !== undefined) {
      context.addIssue({ code: "custom", message: `The "${repeated}" style is applied twice to the same text.` });
    } else if (types.includes("code") && types.length > 1) {
      context.addIssue({ code: "custom", message: MESSAGES.codeWithMarks });
    }
  })
  .transform((node): CommentaryText => {
    const marks = [...(node.marks ?? [])].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
    return marks.length > 0 ? { type: "text", text: node.text, marks } : { type: "text", text: node.text };
  });

const hardBreakSchema = z.object({ type: z.literal("hardBreak") });

const inlineSchema = z.discriminatedUnion("type", [textSchema, hardBreakSchema], { error: misplacedNode("inline") });

const paragraphSchema = z
  .object({
    type: z.literal("paragraph"),
    content: z.array(inlineSchema, { error: MESSAGES.malformed }).optional(),
  })
  .transform((node): CommentaryParagraph => {
    const content = mergeAdjacentText(node.content ?? []);
    return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
  });

const codeBlockSchema = z
  .object({
    type: z.literal("codeBlock"),
    attrs: z
      .object(
        {
          language: z
            .string({ error: MESSAGES.codeLanguage })
            .max(COMMENTARY_LIMITS.maxLanguageLength, MESSAGES.codeLanguage)
            .refine((language) => language === "" || LANGUAGE.test(language), MESSAGES.codeLanguage)
            .nullish(),
        },
        { error: MESSAGES.malformed },
      )
      .optional(),
    content: z
      .array(
        z.object(
          {
            type: z.literal("text", { error: "Code blocks can only contain plain text." }),
            text: textString,
            marks: z.array(z.unknown()).max(0, MESSAGES.codeBlockMarks).optional(),
          },
          { error: MESSAGES.malformed },
        ),
        { error: MESSAGES.malformed },
      )
      .optional(),
  })
  .transform((node): CommentaryCodeBlock => {
    const text = (node.content ?? []).map((child) => child.text).join("");
    const language = node.attrs?.language;
    return {
      type: "codeBlock",
      ...(language ? { attrs: { language } } : {}),
      ...(text !== "" ? { content: [{ type: "text" as const, text }] } : {}),
    };
  });

// Recursive parts are reached through z.lazy: the block union is defined after the containers
// that hold blocks.
const blockSchema: z.ZodType<CommentaryBlock> = z.lazy(() =>
  z.discriminatedUnion("type", [paragraphSchema, codeBlockSchema, blockquoteSchema, bulletListSchema, orderedListSchema], {
    error: misplacedNode("block"),
  }),
);

const blockquoteSchema = z.object({
  type: z.literal("blockquote"),
  content: z.array(blockSchema, { error: MESSAGES.emptyQuote }).min(1, MESSAGES.emptyQuote),
});

const listItemSchema = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("listItem"),
      content: z
        .array(blockSchema, { error: MESSAGES.listItemStart })
        .min(1, MESSAGES.listItemStart)
        .refine((content) => content[0]?.type === "paragraph", MESSAGES.listItemStart),
    }),
  ],
  { error: misplacedNode("list") },
);

const listContent = z.array(listItemSchema, { error: MESSAGES.emptyList }).min(1, MESSAGES.emptyList);

const bulletListSchema = z.object({ type: z.literal("bulletList"), content: listContent });

const orderedListSchema = z
  .object({
    type: z.literal("orderedList"),
    attrs: z
      .object({ start: z.int({ error: MESSAGES.listStart }).min(1, MESSAGES.listStart).nullish() }, { error: MESSAGES.malformed })
      .optional(),
    content: listContent,
  })
  .transform((node): CommentaryOrderedList => {
    const start = node.attrs?.start ?? 1;
    return start === 1 ? { type: "orderedList", content: node.content } : { type: "orderedList", attrs: { start }, content: node.content };
  });

const docStructureSchema = z.object(
  {
    type: z.literal("doc", { error: MESSAGES.malformed }),
    content: z
      .array(blockSchema, { error: (issue) => (issue.input === undefined ? MESSAGES.empty : MESSAGES.malformed) })
      .min(1, MESSAGES.empty),
  },
  { error: MESSAGES.malformed },
);

/**
 * The whole check, as one zod schema (usable inside a route's body schema): limits on the raw
 * input, then the allowlisted structure, then the limits on the result. Parses to the
 * normalised document; every issue message is a sentence a student can act on.
 */
export const commentaryDocSchema: z.ZodType<CommentaryDoc> = z
  .unknown()
  .check((context) => {
    const message = checkRawLimits(context.value);
    if (message !== null) context.issues.push({ code: "custom", message, input: context.value });
  })
  .pipe(docStructureSchema)
  .check((context) => {
    // Only a document that passed the structure is measured.
    if (context.issues.length > 0) return;
    const doc = context.value;
    const text = commentaryToPlainText(doc);
    const message =
      text === ""
        ? MESSAGES.empty
        : text.length > COMMENTARY_LIMITS.maxTextLength
          ? `This comment is ${text.length.toLocaleString("en")} characters long; the limit is ${COMMENTARY_LIMITS.maxTextLength.toLocaleString("en")}. Shorten it and try again.`
          : nodeDepth(doc) > COMMENTARY_LIMITS.maxDepth
            ? MESSAGES.tooDeep
            : null;
    if (message !== null) context.issues.push({ code: "custom", message, input: context.value });
  });

/** Validates and normalises a commentary document; returns it with its plain text. */
export function parseCommentary(input: unknown): ParseCommentaryResult {
  const result = commentaryDocSchema.safeParse(input);
  if (!result.success) return { ok: false, message: result.error.issues[0]?.message ?? MESSAGES.malformed };
  return { ok: true, doc: result.data, text: commentaryToPlainText(result.data) };
}

/**
 * Bounded, iterative walk of the raw input: no recursion, so no stack overflow however deep it
 * is, and it stops as soon as a limit is passed. Only then is the input serialised to measure it.
 */
function checkRawLimits(input: unknown): string | null {
  // A node at depth d sits 2d − 1 containers deep (object, content array, object, …); its marks
  // and their attrs add three more. Deeper JSON cannot be a document within the depth limit.
  const maxContainerDepth = 2 * COMMENTARY_LIMITS.maxDepth + 2;
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 1 }];
  let visited = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    visited += 1;
    // Every JSON value takes at least one character, so more values than the length limit
    // cannot fit in it (this also bounds inputs that share or cycle through objects).
    if (visited > COMMENTARY_LIMITS.maxJsonLength) return MESSAGES.tooLarge;
    if (typeof value !== "object" || value === null) continue;
    if (depth > maxContainerDepth) return MESSAGES.tooDeep;
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
    if (visited + stack.length + children.length > COMMENTARY_LIMITS.maxJsonLength) return MESSAGES.tooLarge;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch {
    return MESSAGES.malformed;
  }
  if (json === undefined) return MESSAGES.malformed;
  return json.length > COMMENTARY_LIMITS.maxJsonLength ? MESSAGES.tooLarge : null;
}

/** Nesting depth in nodes: doc → paragraph → text is 3. */
function nodeDepth(node: { content?: readonly unknown[] }): number {
  let deepest = 0;
  for (const child of node.content ?? []) {
    deepest = Math.max(deepest, nodeDepth(child as { content?: readonly unknown[] }));
  }
  return deepest + 1;
}

function mergeAdjacentText(content: readonly CommentaryInline[]): CommentaryInline[] {
  const merged: CommentaryInline[] = [];
  for (const node of content) {
    const previous = merged.at(-1);
    if (previous?.type === "text" && node.type === "text" && haveSameMarks(previous, node)) {
      merged[merged.length - 1] = { ...previous, text: previous.text + node.text };
    } else {
      merged.push(node);
    }
  }
  return merged;
}

function haveSameMarks(a: CommentaryText, b: CommentaryText): boolean {
  return JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);
}

/**
 * The document as plain text (for search, previews, exports and the length limit): blocks
 * separated by a blank line, list items one per line, a hard break as a newline. Trimmed.
 */
export function commentaryToPlainText(doc: CommentaryDoc): string {
  return blocksToText(doc.content, "\n\n").trim();
}

function blocksToText(blocks: readonly CommentaryBlock[], separator: string): string {
  return blocks
    .map(blockToText)
    .filter((text) => text.trim() !== "")
    .join(separator);
}

function blockToText(block: CommentaryBlock): string {
  switch (block.type) {
    case "paragraph":
      return (block.content ?? []).map((node) => (node.type === "text" ? node.text : "\n")).join("");
    case "codeBlock":
      return (block.content ?? []).map((node) => node.text).join("");
    case "blockquote":
      return blocksToText(block.content, "\n\n");
    case "bulletList":
    case "orderedList":
      return block.content
        .map((item) => blocksToText(item.content, "\n"))
        .filter((text) => text.trim() !== "")
        .join("\n");
  }
}

/**
 * A document from plain text, for API clients that send text: each run of non-blank lines is a
 * paragraph, its line breaks hard breaks. Not validated: pass the result to parseCommentary.
 */
export function plainTextToCommentary(text: string): CommentaryDoc {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const paragraphs: CommentaryParagraph[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const content: CommentaryInline[] = [];
    current.forEach((line, index) => {
      if (index > 0) content.push({ type: "hardBreak" });
      content.push({ type: "text", text: line });
    });
    paragraphs.push({ type: "paragraph", content });
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === "") flush();
    else current.push(line);
  }
  flush();
  return { type: "doc", content: paragraphs.length > 0 ? paragraphs : [{ type: "paragraph" }] };
}
