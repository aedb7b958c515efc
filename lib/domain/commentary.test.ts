import { getSchema } from "@tiptap/core";
import { generateHTML } from "@tiptap/html/server";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { commentaryExtensions } from "../commentary-extensions";
import {
  COMMENTARY_LIMITS,
  commentaryDocSchema,
  commentaryToPlainText,
  parseCommentary,
  plainTextToCommentary,
  type CommentaryDoc,
} from "./commentary";

// The one schema the editor and the server renderer share: what validation accepts must fit it.
const extensions = commentaryExtensions;

const text = (value: string, marks?: unknown[]) => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: unknown[]) => (content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" });
const doc = (...content: unknown[]) => ({ type: "doc", content });
const link = (href: string, extra: Record<string, unknown> = {}) => ({ type: "link", attrs: { href, ...extra } });
const listItem = (...content: unknown[]) => ({ type: "listItem", content });

function expectRejected(input: unknown, message: string | RegExp): void {
  const result = parseCommentary(input);
  expect(result.ok, `expected rejection with ${String(message)}`).toBe(false);
  if (!result.ok) {
    if (typeof message === "string") expect(result.message).toBe(message);
    else expect(result.message).toMatch(message);
  }
}

function expectParsed(input: unknown): CommentaryDoc {
  const result = parseCommentary(input);
  if (!result.ok) throw new Error(`expected a valid comment, got: ${result.message}`);
  return result.doc;
}

/** Every node and mark the allowlist admits, already in normal form. */
const everything = doc(
  paragraph(
    text("Plain, "),
    text("bold", [{ type: "bold" }]),
    text(", "),
    text("italic", [{ type: "italic" }]),
    text(", "),
    text("code", [{ type: "code" }]),
    { type: "hardBreak" },
    text("a link", [link("https://example.org/statement?p=3#s2"), { type: "bold" }, { type: "italic" }]),
    text(" and "),
    text("mail", [link("mailto:teacher@example.org")]),
  ),
  paragraph(),
  {
    type: "bulletList",
    content: [
      listItem(paragraph(text("one"))),
      listItem(paragraph(text("two")), { type: "orderedList", content: [listItem(paragraph(text("two.a")))] }),
    ],
  },
  { type: "orderedList", attrs: { start: 3 }, content: [listItem(paragraph(text("three")))] },
  {
    type: "blockquote",
    content: [
      paragraph(text("Quoted "), text("http", [link("http://example.org")])),
      { type: "blockquote", content: [paragraph(text("nested"))] },
    ],
  },
  { type: "codeBlock", attrs: { language: "type-script2" }, content: [text("const a = 1;\nconst b = a < 2;")] },
  { type: "codeBlock" },
);

describe("parseCommentary: the allowlist", () => {
  it("[COMMENTARY] a document using every allowed node and mark parses to itself", () => {
    expect(expectParsed(everything)).toEqual(everything);
  });

  it("[COMMENTARY] the schema is usable on its own and gives the same document", () => {
    expect(commentaryDocSchema.parse(everything)).toEqual(everything);
  });

  it("[COMMENTARY] what the editor sends (default attrs, link target and rel) is normalised", () => {
    const fromEditor = doc(
      paragraph(
        text("see", [
          { type: "italic" },
          link("https://example.org", { target: "_blank", rel: "noopener noreferrer nofollow ugc", class: null, title: null }),
        ]),
      ),
      { type: "orderedList", attrs: { start: 1, type: null }, content: [listItem(paragraph(text("x")))] },
      { type: "codeBlock", attrs: { language: null }, content: [text("x")] },
    );
    expect(expectParsed(fromEditor)).toEqual(
      doc(
        paragraph(text("see", [link("https://example.org"), { type: "italic" }])),
        { type: "orderedList", content: [listItem(paragraph(text("x")))] },
        { type: "codeBlock", content: [text("x")] },
      ),
    );
  });

  it("[COMMENTARY] unknown attributes are stripped, not stored", () => {
    const input = doc(
      {
        type: "paragraph",
        attrs: { style: "position:fixed", class: "x", onclick: "alert(1)" },
        content: [{ ...text("hi"), attrs: { style: "x" } }],
      },
      {
        type: "blockquote",
        attrs: { cite: "https://evil.example" },
        content: [paragraph(text("q", [{ type: "bold", attrs: { class: "x" } }]))],
      },
      { type: "bulletList", attrs: { style: "x" }, content: [{ ...listItem(paragraph(text("i"))), attrs: { onclick: "x" } }] },
    );
    const parsed = expectParsed(input);
    expect(parsed).toEqual(
      doc(
        paragraph(text("hi")),
        { type: "blockquote", content: [paragraph(text("q", [{ type: "bold" }]))] },
        { type: "bulletList", content: [listItem(paragraph(text("i")))] },
      ),
    );
    expect(JSON.stringify(parsed)).not.toMatch(/style|class|onclick|cite/);
  });

  it("[COMMENTARY] a link keeps only its address: target, rel, class and title are dropped", () => {
    const parsed = expectParsed(
      doc(paragraph(text("x", [link("https://example.org", { target: "_self", rel: "opener", class: "evil", title: "t" })]))),
    );
    expect(parsed).toEqual(doc(paragraph(text("x", [link("https://example.org")]))));
  });

  it("[COMMENTARY] marks are put in the schema's order and adjacent text with the same marks is merged", () => {
    const parsed = expectParsed(
      doc(paragraph(text("a", [{ type: "italic" }, { type: "bold" }]), text("b", [{ type: "bold" }, { type: "italic" }]), text("c"))),
    );
    expect(parsed).toEqual(doc(paragraph(text("ab", [{ type: "bold" }, { type: "italic" }]), text("c"))));
  });

  it.each(["image", "iframe", "heading", "horizontalRule", "table", "script"])("[COMMENTARY] a %s node is rejected by name", (type) => {
    expectRejected(
      doc({ type, attrs: { src: "https://example.org/x.png", level: 1 }, content: [text("x")] }),
      `Comments cannot contain "${type}" elements. Use paragraphs, lists, quotes, code and links.`,
    );
  });

  it("[COMMENTARY] an unknown node inside a paragraph or a list is rejected by name too", () => {
    expectRejected(doc(paragraph({ type: "mention", attrs: { id: "u1" } })), /"mention"/);
    expectRejected(doc({ type: "bulletList", content: [{ type: "taskItem", content: [paragraph(text("x"))] }] }), /"taskItem"/);
  });

  it.each(["underline", "textStyle", "strike", "highlight"])("[COMMENTARY] the %s mark is rejected", (type) => {
    expectRejected(
      doc(paragraph(text("x", [{ type, attrs: { color: "red" } }]))),
      `The "${type}" style is not allowed in comments. Use bold, italic, code or a link.`,
    );
  });

  it("[COMMENTARY] allowed nodes in the wrong place are rejected", () => {
    expectRejected(doc(listItem(paragraph(text("x")))), "List items can only appear inside a bulleted or numbered list.");
    expectRejected(doc(text("x")), "Text must be inside a paragraph.");
    expectRejected(doc({ type: "hardBreak" }), "Text must be inside a paragraph.");
    expectRejected(doc(paragraph(paragraph(text("x")))), 'A paragraph cannot contain a "paragraph" element.');
    expectRejected(doc({ type: "bulletList", content: [paragraph(text("x"))] }), "Lists can only contain list items.");
    expectRejected(
      doc({ type: "bulletList", content: [listItem({ type: "blockquote", content: [paragraph(text("x"))] })] }),
      "Each list item must start with a line of text.",
    );
    expectRejected(doc({ type: "bulletList", content: [] }), "A list needs at least one item.");
    expectRejected(doc({ type: "blockquote", content: [] }), "A quote cannot be empty. Write something in it or remove it.");
    expectRejected(doc(doc(paragraph(text("x")))), "This comment could not be read. Reload the page and try again.");
  });

  it("[COMMENTARY] code blocks hold plain text only, with an optional simple language name", () => {
    expectRejected(
      doc({ type: "codeBlock", content: [text("x", [{ type: "bold" }])] }),
      "Code blocks cannot contain bold, italic, code or link styles.",
    );
    expectRejected(doc({ type: "codeBlock", content: [{ type: "hardBreak" }] }), "Code blocks can only contain plain text.");
    for (const language of ["Python", "c++", "x".repeat(31), "a b", "<script>"]) {
      expectRejected(doc({ type: "codeBlock", attrs: { language }, content: [text("x")] }), /language/);
    }
    expect(expectParsed(doc({ type: "codeBlock", attrs: { language: "" }, content: [text("x")] }))).toEqual(
      doc({ type: "codeBlock", content: [text("x")] }),
    );
  });

  it("[COMMENTARY] an ordered list starts at a whole number of at least 1", () => {
    for (const start of [0, -1, 1.5, "2"]) {
      expectRejected(
        doc({ type: "orderedList", attrs: { start }, content: [listItem(paragraph(text("x")))] }),
        "A numbered list must start at a whole number, 1 or more.",
      );
    }
  });

  it("[COMMENTARY] inline code cannot carry other marks, and no mark may be applied twice", () => {
    expectRejected(doc(paragraph(text("x", [{ type: "code" }, { type: "bold" }]))), /Inline code cannot also be bold/);
    expectRejected(doc(paragraph(text("x", [{ type: "bold" }, { type: "bold" }]))), 'The "bold" style is applied twice to the same text.');
    expectRejected(doc(paragraph(text("x", [link("https://a.example"), link("https://b.example")]))), /"link" style is applied twice/);
  });

  it("[COMMENTARY] empty text nodes are rejected", () => {
    expectRejected(doc(paragraph(text("x"), text(""))), "This comment contains an empty piece of text. Remove it and try again.");
  });

  it("[COMMENTARY] characters PostgreSQL cannot store are rejected", () => {
    expectRejected(doc(paragraph(text("a\u0000b"))), /cannot be saved/);
    expectRejected(doc(paragraph(text("broken \uD83D emoji"))), /cannot be saved/);
    expect(expectParsed(doc(paragraph(text("whole 😀 emoji"))))).toEqual(doc(paragraph(text("whole 😀 emoji"))));
  });

  it("[COMMENTARY] input that is not a document is rejected as unreadable", () => {
    for (const input of [
      null,
      undefined,
      "hello",
      42,
      [],
      { type: "paragraph" },
      { type: "doc", content: "x" },
      { type: "doc", content: [{ kind: "paragraph" }] },
      10n,
    ]) {
      expectRejected(input, "This comment could not be read. Reload the page and try again.");
    }
  });
});

describe("parseCommentary: links", () => {
  const withHref = (href: unknown) => doc(paragraph(text("click", [{ type: "link", attrs: { href } }])));

  it.each(["https://example.org", "http://example.org/path?q=1#frag", "mailto:someone@example.org", "HTTPS://EXAMPLE.ORG"])(
    "[COMMENTARY] %s is a safe link",
    (href) => {
      expect(parseCommentary(withHref(href)).ok).toBe(true);
    },
  );

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["mixed-case javascript:", "JavaScript:alert(1)"],
    ["javascript: after spaces", "  javascript:alert(1)"],
    ["javascript: split by a tab", "java\tscript:alert(1)"],
    ["javascript: split by a newline", "java\nscript:alert(1)"],
    ["javascript: after a control character", "\u0001javascript:alert(1)"],
    ["entity-encoded javascript:", "javascript&colon;alert(1)"],
    ["data:", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["vbscript:", "vbscript:msgbox(1)"],
    ["file:", "file:///etc/passwd"],
    ["ftp:", "ftp://example.org"],
    ["tel:", "tel:+100"],
    ["protocol-relative", "//evil.example"],
    ["relative path", "/x"],
    ["relative file", "statement.html"],
    ["fragment only", "#top"],
    ["empty", ""],
    ["only spaces", "   "],
    ["a host with a control character", "https://exa\u0000mple.org"],
    ["a URL without a host", "https://"],
    ["not a string", 42],
    ["missing", undefined],
  ])("[COMMENTARY] a %s link is rejected", (_, href) => {
    expectRejected(withHref(href), "Links must start with http://, https:// or mailto:.");
  });

  it("[COMMENTARY] a link without attrs is rejected", () => {
    expectRejected(doc(paragraph(text("x", [{ type: "link" }]))), "Links must start with http://, https:// or mailto:.");
  });

  it("[COMMENTARY] spaces around a link's address are trimmed", () => {
    expect(expectParsed(withHref("  https://example.org  "))).toEqual(withHref("https://example.org"));
  });

  it("[COMMENTARY] a very long link address is rejected", () => {
    expectRejected(withHref(`https://example.org/${"a".repeat(COMMENTARY_LIMITS.maxLinkLength)}`), /Links can be at most 2,000 characters/);
  });
});

describe("parseCommentary: limits", () => {
  it("[COMMENTARY] a whitespace-only or empty document asks the student to write something", () => {
    for (const input of [
      doc(paragraph(text("   \n\t "))),
      doc(paragraph()),
      doc(paragraph({ type: "hardBreak" }), { type: "codeBlock" }),
      doc(),
      { type: "doc" },
    ]) {
      expectRejected(input, "Write something before posting.");
    }
  });

  it("[COMMENTARY] 50 nested quotes are rejected without overflowing the stack", () => {
    let node: unknown = paragraph(text("deep"));
    for (let level = 0; level < 50; level += 1) node = { type: "blockquote", content: [node] };
    expectRejected(doc(node), /nested too deeply/);
  });

  it("[COMMENTARY] a 100,000-level array bomb and a cyclic object are rejected without overflowing the stack", () => {
    let bomb: unknown = [];
    for (let level = 0; level < 100_000; level += 1) bomb = [bomb];
    expectRejected({ type: "doc", content: bomb }, /nested too deeply/);
    const cyclic: { type: string; content: unknown[] } = { type: "doc", content: [] };
    cyclic.content.push(cyclic);
    expectRejected(cyclic, /nested too deeply/);
  });

  it("[COMMENTARY] nesting up to the depth limit is accepted and one level more is rejected", () => {
    const nest = (quotes: number) => {
      let node: unknown = paragraph(text("x"));
      for (let level = 0; level < quotes; level += 1) node = { type: "blockquote", content: [node] };
      return doc(node);
    };
    // doc, the quotes, paragraph and text: 3 + quotes levels.
    expect(parseCommentary(nest(COMMENTARY_LIMITS.maxDepth - 3)).ok).toBe(true);
    expectRejected(nest(COMMENTARY_LIMITS.maxDepth - 2), /nested too deeply/);
  });

  it("[COMMENTARY] a document larger than the JSON limit is rejected", () => {
    expectRejected(doc(paragraph(text("a".repeat(COMMENTARY_LIMITS.maxJsonLength)))), /too long to save/);
    const manyParagraphs = doc(...Array.from({ length: 2_000 }, () => paragraph(text("a"))));
    expectRejected(manyParagraphs, /too long to save/);
    const wide = { type: "doc", content: [paragraph(text("a")), ...new Array<number>(100_000).fill(0)] };
    expectRejected(wide, /too long to save/);
  });

  it("[COMMENTARY] plain text longer than the limit is rejected with its length", () => {
    const words = "word ".repeat(2_001).trim(); // 10,004 characters
    expectRejected(doc(paragraph(text(words))), "This comment is 10,004 characters long; the limit is 10,000. Shorten it and try again.");
    expect(parseCommentary(doc(paragraph(text("w".repeat(COMMENTARY_LIMITS.maxTextLength))))).ok).toBe(true);
  });
});

describe("commentaryToPlainText and plainTextToCommentary", () => {
  it("[COMMENTARY] plain text of a mixed document: blank lines between blocks, one line per list item", () => {
    const result = parseCommentary(everything);
    expect(result.ok && result.text).toBe(
      [
        "Plain, bold, italic, code\na link and mail",
        "one\ntwo\ntwo.a",
        "three",
        "Quoted http\n\nnested",
        "const a = 1;\nconst b = a < 2;",
      ].join("\n\n"),
    );
  });

  it("[COMMENTARY] plain text is trimmed and skips empty blocks", () => {
    const parsed = expectParsed(
      doc(paragraph(), paragraph(text("  first  ")), paragraph(text(" ")), paragraph(text("second"), { type: "hardBreak" })),
    );
    expect(commentaryToPlainText(parsed)).toBe("first  \n\nsecond");
  });

  it("[COMMENTARY] plain text becomes one paragraph per block of lines, line breaks as hard breaks", () => {
    expect(plainTextToCommentary("First line\nsecond line\n\n\n  \nNext paragraph\r\n")).toEqual(
      doc(paragraph(text("First line"), { type: "hardBreak" }, text("second line")), paragraph(text("Next paragraph"))),
    );
  });

  it.each([
    "One line.",
    "Two\nlines.",
    "A paragraph.\n\nAnother, with\na break.",
    "Unicode — «guillemets», 😀 and <angle brackets> & ampersands.",
  ])("[COMMENTARY] plain text %j survives a round trip through a document", (value) => {
    const result = parseCommentary(plainTextToCommentary(value));
    expect(result.ok && result.text).toBe(value);
  });

  it("[COMMENTARY] empty plain text becomes a document the parser rejects as empty", () => {
    expect(plainTextToCommentary(" \n\n ")).toEqual(doc(paragraph()));
    expectRejected(plainTextToCommentary(" \n\n "), "Write something before posting.");
  });
});

describe("rendering a parsed document with tiptap", () => {
  it("[COMMENTARY] a normalised document is valid for the editor's ProseMirror schema and is a fixed point of it", () => {
    const schema = getSchema(extensions);
    const parsed = expectParsed(everything);
    const node = ProseMirrorNode.fromJSON(schema, parsed);
    expect(() => node.check()).not.toThrow();
    // ProseMirror writes default attrs back (start, language, target…); parsing strips them again.
    expect(expectParsed(node.toJSON())).toEqual(parsed);
  });

  it("[COMMENTARY] generateHTML renders the document with escaped text and safe links", () => {
    const parsed = expectParsed(
      doc(
        paragraph(
          text("<script>alert(1)</script> & "),
          text("bold", [{ type: "bold" }]),
          { type: "hardBreak" },
          text("link", [{ type: "italic" }, link('https://example.org/?a=1&b="2"', { target: "_self", onclick: "x" })]),
        ),
        { type: "orderedList", attrs: { start: 3 }, content: [listItem(paragraph(text("x")))] },
        { type: "codeBlock", attrs: { language: "ts" }, content: [text("a < b")] },
        { type: "blockquote", content: [paragraph(text("q", [{ type: "code" }]))] },
      ),
    );
    const html = generateHTML(parsed, extensions);
    expect(html).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <strong>bold</strong><br>" +
        '<a target="_blank" rel="noopener noreferrer nofollow ugc" href="https://example.org/?a=1&amp;b=&quot;2&quot;"><em>link</em></a></p>' +
        '<ol start="3"><li><p>x</p></li></ol>' +
        '<pre><code class="language-ts">a &lt; b</code></pre>' +
        "<blockquote><p><code>q</code></p></blockquote>",
    );
    expect(html).not.toMatch(/javascript:|<script|onclick/i);
  });
});
