import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { findDangerousMarkup, XSS_CORPUS } from "../../../e2e/fixtures/xss-corpus.ts";
import { parseCommentary } from "../../domain/commentary.ts";
import { renderCommentaryHtml } from "./render-commentary.ts";

// The XSS corpus through the only path user text takes to HTML: validation
// (lib/domain/commentary.ts), then the server renderer. Pure code, no database; it lives in the
// integration project because the unit project holds lib/domain alone and the renderer is
// server-only. Every document either is refused with a message or renders to markup with
// nothing but the commentary tags, no on* or style attribute and only http(s)/mailto links.

const window = new Window({
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
});

function inspect(html: string) {
  const container = window.document.createElement("div");
  container.innerHTML = html;
  return { problems: findDangerousMarkup(container as unknown as ParentNode, "user-content"), text: container.textContent ?? "" };
}

const doc = (...content: unknown[]) => ({ type: "doc", content });
const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });

/** The shapes a payload is tried in: as text, as a link target, in attributes, in unknown nodes. */
const SHAPES: { name: string; build: (payload: string) => unknown; mustRefuse?: boolean }[] = [
  { name: "text", build: (payload) => doc(paragraph(text(payload))) },
  { name: "bold italic text", build: (payload) => doc(paragraph(text(payload, [{ type: "bold" }, { type: "italic" }]))) },
  { name: "link href", build: (payload) => doc(paragraph(text("click", [{ type: "link", attrs: { href: payload } }]))) },
  {
    name: "link with hostile extra attributes",
    build: (payload) =>
      doc(
        paragraph(
          text(payload, [
            { type: "link", attrs: { href: "https://example.com/", target: payload, class: payload, onclick: payload, rel: payload } },
          ]),
        ),
      ),
  },
  {
    name: "attributes on nodes",
    build: (payload) => doc({ type: "paragraph", attrs: { onclick: payload, style: payload, class: payload }, content: [text("x")] }),
  },
  { name: "code block", build: (payload) => doc({ type: "codeBlock", attrs: { language: "js" }, content: [text(payload)] }) },
  { name: "code block language", build: (payload) => doc({ type: "codeBlock", attrs: { language: payload }, content: [text("x")] }) },
  {
    name: "quote in a list",
    build: (payload) =>
      doc({
        type: "bulletList",
        content: [{ type: "listItem", content: [paragraph(text(payload)), { type: "blockquote", content: [paragraph(text(payload))] }] }],
      }),
  },
  { name: "unknown node", build: (payload) => doc({ type: "html", attrs: { html: payload } }), mustRefuse: true },
  {
    name: "image node",
    build: (payload) => doc(paragraph({ type: "image", attrs: { src: payload, onerror: payload } })),
    mustRefuse: true,
  },
  {
    name: "unknown mark",
    build: (payload) => doc(paragraph(text("x", [{ type: "textStyle", attrs: { style: payload } }]))),
    mustRefuse: true,
  },
];

describe("commentary against the XSS corpus", () => {
  it("[XSS] the corpus is large and covers every category", () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_CORPUS.map((entry) => entry.category)).size).toBe(8);
  });

  for (const shape of SHAPES) {
    it(`[XSS] ${shape.name}: every payload is refused or renders without dangerous markup`, () => {
      const failures: string[] = [];
      for (const entry of XSS_CORPUS) {
        const parsed = parseCommentary(shape.build(entry.payload));
        if (!parsed.ok) {
          if (parsed.message.trim() === "") failures.push(`${entry.id}: refused without a message`);
          continue;
        }
        if (shape.mustRefuse) {
          failures.push(`${entry.id}: accepted`);
          continue;
        }
        const { problems } = inspect(renderCommentaryHtml(parsed.doc));
        if (problems.length > 0) failures.push(`${entry.id} ${JSON.stringify(entry.payload)}: ${problems.join(", ")}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it("[XSS] a payload typed as text is shown as typed, never interpreted (or refused when it cannot be stored)", () => {
    const refused: string[] = [];
    for (const entry of XSS_CORPUS) {
      const parsed = parseCommentary(doc(paragraph(text(entry.payload))));
      if (!parsed.ok) {
        refused.push(entry.id);
        continue;
      }
      expect(inspect(renderCommentaryHtml(parsed.doc)).text, entry.id).toBe(entry.payload);
    }
    // Only the null character cannot be stored (PostgreSQL's jsonb refuses it).
    expect(refused).toEqual(XSS_CORPUS.filter((entry) => entry.payload.includes("\u0000")).map((entry) => entry.id));
  });

  it("[XSS] only http, https and mailto links survive, with the renderer's own target and rel", () => {
    const kept: string[] = [];
    for (const entry of XSS_CORPUS) {
      const parsed = parseCommentary(doc(paragraph(text("click", [{ type: "link", attrs: { href: entry.payload } }]))));
      if (!parsed.ok) continue;
      const html = renderCommentaryHtml(parsed.doc);
      expect(html).toMatch(/^<p><a target="_blank" rel="noopener noreferrer nofollow ugc" href="(?:https?|mailto):[^"]*">click<\/a><\/p>$/);
      kept.push(entry.id);
    }
    expect(kept.length).toBeGreaterThan(0);
  });
});
