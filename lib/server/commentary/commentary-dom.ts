import "server-only";
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { commentaryExtensions } from "../../commentary-extensions.ts";
import { createScriptlessDocument } from "./scriptless-document.ts";

let dom: { schema: Schema; document: Document } | null = null;

/**
 * The commentary schema and one script-less DOM document, built once per process on first use
 * and shared by the HTML parser (htmlToCommentary) and the renderer (renderCommentaryHtml): both
 * are synchronous, so the document is never used by two of them at once.
 */
export function loadCommentaryDom(): { schema: Schema; document: Document } {
  dom ??= { schema: getSchema(commentaryExtensions), document: createScriptlessDocument() };
  return dom;
}
