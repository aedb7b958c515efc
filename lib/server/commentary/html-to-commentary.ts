import "server-only";
import { getSchema } from "@tiptap/core";
import { DOMParser as ProseMirrorDOMParser } from "@tiptap/pm/model";
import type { CommentaryDoc } from "../../domain/commentary.ts";
import { commentaryExtensions } from "../../commentary-extensions.ts";
import { createScriptlessDocument } from "./scriptless-document.ts";

/** HTML longer than this is refused before parsing (the stored document is limited far below). */
export const MAX_COMMENTARY_HTML_LENGTH = 100_000;

let parser: { toDoc: (html: string) => unknown } | null = null;

function createParser() {
  const schema = getSchema(commentaryExtensions);
  const domParser = ProseMirrorDOMParser.fromSchema(schema);
  const document = createScriptlessDocument();
  return {
    toDoc(html: string): unknown {
      // A <template>'s content is inert: nothing in it runs or loads while it is parsed.
      const template = document.createElement("template");
      template.innerHTML = html;
      return domParser.parse(template.content).toJSON();
    },
  };
}

/**
 * A commentary document from HTML sent by an API client (a W3C TextualBody in text/html). The
 * HTML is only read, never kept: ProseMirror's parser keeps what the commentary schema can hold
 * (paragraphs, lists, quotes, code, bold, italic, safe links) and drops every other element,
 * attribute, script and style. Not validated: pass the result to parseCommentary, which applies
 * the allowlist and limits like any document typed in the editor.
 */
export function htmlToCommentary(html: string): CommentaryDoc | null {
  if (html.length > MAX_COMMENTARY_HTML_LENGTH) return null;
  parser ??= createParser();
  return parser.toDoc(html) as CommentaryDoc;
}
