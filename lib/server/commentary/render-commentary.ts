import "server-only";
import { DOMSerializer, Node } from "@tiptap/pm/model";
import type { CommentaryDoc } from "../../domain/commentary.ts";
import { loadCommentaryDom } from "./commentary-dom.ts";

// What @tiptap/html's generateHTML does, minus its per-call costs: the schema, the serializer and
// the script-less DOM document are built once per process (commentary-dom.ts). Measured: ~5 ms →
// well under 1 ms a post.
let serializer: DOMSerializer | null = null;

/**
 * HTML for a validated commentary document, generated from our schema (never from user HTML):
 * unknown nodes cannot exist in a validated doc, text is escaped by the serializer, and link
 * hrefs were limited to http, https and mailto by validation.
 */
export function renderCommentaryHtml(doc: CommentaryDoc): string {
  const { schema, document } = loadCommentaryDom();
  serializer ??= DOMSerializer.fromSchema(schema);
  const wrap = document.createElement("div");
  serializer.serializeFragment(Node.fromJSON(schema, doc).content, { document }, wrap);
  return wrap.innerHTML;
}
