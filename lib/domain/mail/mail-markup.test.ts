import { describe, expect, it } from "vitest";
import { assertMailUrl, escapeHtml, excerptOf, renderMail, subjectLine, type MailMessage } from "./mail-markup.ts";

const message = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  subject: "Ana replied to your post",
  preview: "A short preview",
  heading: "Ana replied",
  blocks: [
    { type: "paragraph", text: "Ana replied on “Statement”." },
    { type: "quote", text: "First line\nsecond line" },
    { type: "button", link: { label: "Open the discussion", url: "https://scholia.example/readings/r1?course=c1#p-2" } },
    { type: "list", items: [{ text: "A question", url: "https://scholia.example/q", detail: "asked by Ben" }, { text: "No link" }] },
  ],
  footer: { reason: "Because you asked.", links: [{ label: "Email settings", url: "https://scholia.example/settings/notifications" }] },
  ...overrides,
});

describe("renderMail", () => {
  it("[MAIL] user text is escaped in the HTML part and left as text in the plain part", () => {
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> & "' </blockquote>`;
    const rendered = renderMail(
      message({
        heading: hostile,
        blocks: [
          { type: "quote", text: hostile },
          { type: "paragraph", text: hostile },
        ],
      }),
    );
    expect(rendered.html).not.toContain("<script");
    expect(rendered.html).not.toContain("<img");
    expect(rendered.html.match(/<\/blockquote>/g)).toHaveLength(1);
    expect(rendered.html).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;&#39; &lt;/blockquote&gt;",
    );
    expect(rendered.text).toContain(`> ${hostile}`);
    expect(rendered.text).toContain(hostile);
  });

  it("[MAIL] both parts carry the same content: every block, every link, the footer", () => {
    const rendered = renderMail(message());
    for (const part of [rendered.html, rendered.text]) {
      expect(part).toContain("Ana replied on “Statement”.");
      expect(part).toContain("second line");
      expect(part).toContain("Open the discussion");
      expect(part).toContain("A question");
      expect(part).toContain("asked by Ben");
      expect(part).toContain("Because you asked.");
    }
    expect(rendered.html).toContain('href="https://scholia.example/readings/r1?course=c1#p-2"');
    expect(rendered.text).toContain("Open the discussion: https://scholia.example/readings/r1?course=c1#p-2");
    expect(rendered.text).toContain("  https://scholia.example/q");
    expect(rendered.text).toContain("Email settings: https://scholia.example/settings/notifications");
    expect(rendered.text.split("\n").filter((line) => line.startsWith("> "))).toEqual(["> First line", "> second line"]);
  });

  it("[MAIL] the HTML loads nothing from anywhere (no images, styles or scripts from outside): no tracking", () => {
    const { html } = renderMail(message());
    expect(html).not.toMatch(/<(?:img|link|script|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\ssrc=|url\(/i);
  });

  it("[MAIL] a link that is not http(s) or carries credentials is refused, not rendered", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "https://user:pass@scholia.example/", "/relative/path"]) {
      expect(() => renderMail(message({ blocks: [{ type: "button", link: { label: "x", url } }] }))).toThrow();
      expect(() => assertMailUrl(url)).toThrow();
    }
  });

  it("[MAIL] a subject is one line: line breaks and control characters in a title cannot start new headers", () => {
    expect(subjectLine("Reading\r\nBcc: victim@example.org")).toBe("Reading Bcc: victim@example.org");
    expect(subjectLine("a\u0000b\u202Ec")).toBe("abc");
    expect(renderMail(message({ subject: "Line one\nLine two" })).subject).toBe("Line one Line two");
    expect(subjectLine("x".repeat(500))).toHaveLength(200);
  });

  it("[MAIL] an excerpt is cut at a word boundary with an ellipsis, whitespace folded", () => {
    expect(excerptOf("short text")).toBe("short text");
    expect(excerptOf("  several   spaces\n\nand lines ")).toBe("several spaces and lines");
    const long = "word ".repeat(100);
    const cut = excerptOf(long, 42);
    expect(cut.endsWith("word…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(43);
    expect(excerptOf("x".repeat(50), 10)).toBe(`${"x".repeat(10)}…`);
  });

  it("escapeHtml escapes the five characters that matter", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
