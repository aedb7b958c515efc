import "server-only";
import { generateHTML } from "@tiptap/html/server";
import type { CommentaryDoc } from "../../domain/commentary.ts";
import { commentaryExtensions } from "../../commentary-extensions.ts";

/**
 * HTML for a validated commentary document, generated from our schema (never from user HTML):
 * unknown nodes cannot exist in a validated doc, text is escaped by the serializer, and link
 * hrefs were limited to http, https and mailto by validation.
 */
export function renderCommentaryHtml(doc: CommentaryDoc): string {
  return generateHTML(doc as Parameters<typeof generateHTML>[0], commentaryExtensions);
}
