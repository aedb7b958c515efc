import "server-only";
import { loadTextPositions } from "../readings/load-reading-text.ts";
import type { AnnotationView } from "./present-annotation.ts";
import { toWebAnnotation, type WebAnnotation } from "./to-web-annotation.ts";

/** One annotation as W3C JSON-LD, its positions converted with its reading's text (lists load that once). */
export async function presentWebAnnotation(view: AnnotationView, origin: string): Promise<WebAnnotation> {
  return toWebAnnotation(view, origin, await loadTextPositions(view.readingId));
}
