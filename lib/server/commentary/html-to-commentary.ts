import "server-only";
import { DOMParser as ProseMirrorDOMParser } from "@tiptap/pm/model";
import { COMMENTARY_LIMITS, type CommentaryDoc } from "../../domain/commentary.ts";
import { countPossibleElements } from "../../domain/html-shape.ts";
import { loadCommentaryDom } from "./commentary-dom.ts";

/**
 * The bound on one HTML body's cost. The stored document is at most 20,000 characters of JSON,
 * which holds a few hundred elements at most; HTML is refused past 1.5 times that length, or past
 * 400 "<" (elements, end tags and stray brackets alike: lib/domain/html-shape.ts), before any
 * parsing. So a body costs one linear scan, and at most 400 elements for happy-dom and
 * ProseMirror to build, nested 400 deep at worst (the stack holds about 2,000).
 */
export const MAX_COMMENTARY_HTML_LENGTH = Math.round(COMMENTARY_LIMITS.maxJsonLength * 1.5);
export const MAX_COMMENTARY_HTML_TAGS = 400;

export type HtmlToCommentaryResult = { ok: true; doc: CommentaryDoc } | { ok: false; message: string };

let domParser: ProseMirrorDOMParser | null = null;

/**
 * A commentary document from HTML sent by an API client (a W3C TextualBody in text/html). The
 * HTML is only read, never kept: ProseMirror's parser keeps what the commentary schema can hold
 * (paragraphs, lists, quotes, code, bold, italic, safe links) and drops every other element,
 * attribute, script and style. Not validated: pass the result to parseCommentary, which applies
 * the allowlist and limits like any document typed in the editor. HTML past the limits above, or
 * that the parser fails on, is refused with a message.
 */
export function htmlToCommentary(html: string): HtmlToCommentaryResult {
  if (html.length > MAX_COMMENTARY_HTML_LENGTH) {
    return { ok: false, message: `An HTML body can be at most ${MAX_COMMENTARY_HTML_LENGTH.toLocaleString("en")} characters long.` };
  }
  if (countPossibleElements(html, MAX_COMMENTARY_HTML_TAGS) > MAX_COMMENTARY_HTML_TAGS) {
    return {
      ok: false,
      message: `An HTML body can hold at most ${MAX_COMMENTARY_HTML_TAGS} tags (a comment needs far fewer): simplify its markup.`,
    };
  }
  const { schema, document } = loadCommentaryDom();
  domParser ??= ProseMirrorDOMParser.fromSchema(schema);
  try {
    // A <template>'s content is inert: nothing in it runs or loads while it is parsed.
    const template = document.createElement("template");
    template.innerHTML = html;
    return { ok: true, doc: domParser.parse(template.content).toJSON() as CommentaryDoc };
  } catch {
    return { ok: false, message: "This HTML body could not be read. Send simpler HTML, or the text as text/plain." };
  }
}
