import { describe, expect, it } from "vitest";
import { buildAnnotationCsv, buildMarkdownDigest, escapeMarkdown, type ExportPost, type ExportReading } from "./reading-export";

const reading: ExportReading = {
  title: "Statement on #security",
  kicker: null,
  placeAndDate: "Shanghai, 15 June 2006",
  source: "IRI yearbook 2007",
  paragraphs: [
    { position: 1, text: "First paragraph." },
    { position: 2, text: "Second paragraph." },
  ],
};

function post(fields: Partial<ExportPost> & Pick<ExportPost, "id">): ExportPost {
  return {
    kind: "PARAGRAPH_POST",
    authorName: "Ana",
    createdAt: "2026-11-28T10:00:00.000Z",
    editedAt: null,
    paragraphPosition: 1,
    start: null,
    quote: null,
    text: "A post.",
    tags: [],
    visibility: "COURSE",
    parentId: null,
    rootId: null,
    state: "visible",
    isOrphan: false,
    ...fields,
  };
}

/** What a Markdown renderer would treat as syntax: unescaped significant characters. */
const unescaped = (markdown: string, char: string) => new RegExp(`(^|[^\\\\])\\${char}`).test(markdown);

describe("escapeMarkdown", () => {
  it("[EXPORT] links, images, HTML and emphasis in user text become literal characters", () => {
    const escaped = escapeMarkdown("[click](javascript:alert(1)) ![x](y) <script>alert(1)</script> *bold* _it_ `code` &amp;");
    for (const char of ["[", "]", "(", ")", "<", ">", "*", "_", "`", "&", "!"]) expect(unescaped(escaped, char), char).toBe(false);
    expect(escaped.replace(/\\(.)/g, "$1")).toBe("[click](javascript:alert(1)) ![x](y) <script>alert(1)</script> *bold* _it_ `code` &amp;");
  });

  it("[EXPORT] bare URLs, domains and emails cannot autolink", () => {
    expect(escapeMarkdown("see https://evil.example/x or www.evil.example or me@evil.example")).toBe(
      "see https\\://evil\\.example/x or www\\.evil\\.example or me\\@evil\\.example",
    );
  });

  it("[EXPORT] a line cannot start a heading, list, quote or ordered list; sentences stay readable", () => {
    expect(escapeMarkdown("# title\n- item\n> quote\n1. first\n2) second")).toBe("\\# title\n\\- item\n\\> quote\n1\\. first\n2\\) second");
    expect(escapeMarkdown("It ends. Another sentence.")).toBe("It ends. Another sentence.");
  });
});

describe("buildMarkdownDigest", () => {
  it("[EXPORT] the reading's header, then each paragraph followed by its threads with nested replies", () => {
    const markdown = buildMarkdownDigest(
      reading,
      [
        post({ id: "c1", kind: "COMMENT", start: 6, quote: "paragraph", text: "On the quote.", authorName: "Ben" }),
        post({
          id: "r1",
          kind: "REPLY",
          parentId: "c1",
          rootId: "c1",
          text: "A reply.",
          authorName: "Chen",
          createdAt: "2026-11-28T11:00:00.000Z",
        }),
        post({
          id: "r2",
          kind: "REPLY",
          parentId: "r1",
          rootId: "c1",
          text: "Deeper.",
          authorName: "Dara",
          createdAt: "2026-11-28T12:00:00.000Z",
        }),
        post({ id: "p2", paragraphPosition: 2, text: "Line one\nLine two", tags: ["key"] }),
      ],
      { contextLabel: "Course X" },
    );
    expect(markdown).toBe(
      [
        "# Statement on \\#security",
        "",
        "Shanghai, 15 June 2006",
        "",
        "Source: IRI yearbook 2007",
        "",
        "Annotations: Course X, 4 posts.",
        "",
        "---",
        "",
        "## Paragraph 1",
        "",
        "First paragraph.",
        "",
        "- **Ben**, 2026-11-28 10:00 UTC, comment",
        "",
        "  > paragraph",
        "",
        "  On the quote.",
        "",
        "  - **Chen**, 2026-11-28 11:00 UTC, reply",
        "",
        "    A reply.",
        "",
        "    - **Dara**, 2026-11-28 12:00 UTC, reply",
        "",
        "      Deeper.",
        "",
        "---",
        "",
        "## Paragraph 2",
        "",
        "Second paragraph.",
        "",
        "- **Ana**, 2026-11-28 10:00 UTC, paragraph post",
        "",
        "  Line one",
        "  Line two",
        "",
        "  Tags: key",
        "",
      ].join("\n"),
    );
  });

  it("[EXPORT] hidden posts read [hidden] and deleted ones [deleted], quote and tags withheld; replies stay", () => {
    const markdown = buildMarkdownDigest(
      reading,
      [
        post({ id: "h", kind: "COMMENT", state: "hidden", text: null, quote: null, tags: [] }),
        post({ id: "d", state: "deleted", text: null, authorName: "Deleted" }),
        post({ id: "r", kind: "REPLY", parentId: "d", rootId: "d", text: "Still here.", authorName: "Ben" }),
      ],
      { contextLabel: "Course X" },
    );
    expect(markdown).toContain("- **Ana**, 2026-11-28 10:00 UTC, comment\n\n  [hidden]");
    expect(markdown).toContain("- **[deleted]**, 2026-11-28 10:00 UTC, paragraph post\n\n  [deleted]\n\n  - **Ben**");
    expect(markdown).toContain("    Still here.");
  });

  it("[EXPORT] user text cannot inject a link, HTML or a heading into the digest", () => {
    const markdown = buildMarkdownDigest(
      reading,
      [
        post({
          id: "x",
          authorName: "**Admin** [me](http://evil)",
          text: "# Big\n<img src=x onerror=alert(1)>\n[link](http://evil.example)",
        }),
      ],
      { contextLabel: "Notes" },
    );
    expect(markdown).not.toMatch(/(^|[^\\])\[link\]/);
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
    expect(markdown).not.toMatch(/^\s*# Big/m);
    expect(markdown).toContain("- **\\*\\*Admin\\*\\* \\[me\\]\\(http\\://evil\\)**");
  });

  it("[EXPORT] orphans and posts on retired paragraphs are listed at the end, not lost", () => {
    const markdown = buildMarkdownDigest(
      reading,
      [post({ id: "o", isOrphan: true, text: "Lost." }), post({ id: "g", paragraphPosition: 9, text: "Gone." })],
      { contextLabel: "Notes" },
    );
    const tail = markdown.slice(markdown.indexOf("## Posts no longer placed in the text"));
    expect(tail).toContain("Lost.");
    expect(tail).toContain("Gone.");
  });
});

describe("buildAnnotationCsv", () => {
  it("[EXPORT] one row per post in document order, with the header, hidden and deleted text replaced", () => {
    const csv = buildAnnotationCsv([
      post({ id: "b", paragraphPosition: 2, text: "Second" }),
      post({
        id: "a",
        kind: "COMMENT",
        start: 3,
        quote: "para",
        text: "First, with a comma",
        tags: ["x", "y"],
        editedAt: "2026-11-28T10:05:00.000Z",
      }),
      post({ id: "h", kind: "COMMENT", start: 5, state: "hidden", text: null, quote: null, paragraphPosition: 2 }),
      post({
        id: "r",
        kind: "REPLY",
        parentId: "a",
        rootId: "a",
        state: "deleted",
        text: null,
        paragraphPosition: 1,
        createdAt: "2026-11-28T12:00:00.000Z",
      }),
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      '"id","kind","author","created","edited","paragraph","quote","text","tags","visibility","parent id"',
      '"a","COMMENT","Ana","2026-11-28T10:00:00.000Z","2026-11-28T10:05:00.000Z",1,"para","First, with a comma","x; y","COURSE",',
      '"r","REPLY","Ana","2026-11-28T12:00:00.000Z",,1,,"[deleted]","","COURSE","a"',
      '"b","PARAGRAPH_POST","Ana","2026-11-28T10:00:00.000Z",,2,,"Second","","COURSE",',
      '"h","COMMENT","Ana","2026-11-28T10:00:00.000Z",,2,,"[hidden]","","COURSE",',
      "",
    ]);
  });

  it("[EXPORT] a cell a spreadsheet would run as a formula stays text", () => {
    const csv = buildAnnotationCsv([post({ id: "f", text: '=HYPERLINK("http://evil","x")', authorName: "@admin" })]);
    expect(csv).toContain(`'@admin`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });
});
