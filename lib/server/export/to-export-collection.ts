import "server-only";
import { annotationContext, toWebAnnotation } from "../annotations/to-web-annotation.ts";
import type { TextPositions } from "../../domain/text-positions.ts";
import type { AnnotationView } from "../annotations/present-annotation.ts";

export const EXPORT_PAGE_SIZE = 100;

type WebAnnotation = Omit<ReturnType<typeof toWebAnnotation>, "@context">;

export type AnnotationPageDocument = {
  id: string;
  type: "AnnotationPage";
  /** The collection, by its id (an object, as the W3C suite's page assertions read partOf). */
  partOf: { id: string };
  startIndex: number;
  items: WebAnnotation[];
  /** The next page, embedded: following `next` from `first` walks the whole file. */
  next?: AnnotationPageDocument;
  prev?: string;
};

export type AnnotationCollectionDocument = {
  "@context": ReturnType<typeof annotationContext>;
  id: string;
  type: "AnnotationCollection";
  label: string;
  total: number;
  first?: AnnotationPageDocument;
  last?: string;
};

/**
 * A W3C AnnotationCollection holding every page in one file: `first` is the first page, each
 * page embeds its `next`, and pages are named by fragments of the collection's id (the file is
 * the whole collection; nothing needs fetching). Annotations keep toWebAnnotation's shape, minus
 * the repeated @context (a reply's target is the annotation it answers).
 */
export function toExportCollection({
  views,
  origin,
  positions,
  collectionId,
  label,
  pageSize = EXPORT_PAGE_SIZE,
}: {
  views: readonly AnnotationView[];
  origin: string;
  /** The reading's text positions, to write offsets in code points. */
  positions: TextPositions;
  collectionId: string;
  label: string;
  pageSize?: number;
}): AnnotationCollectionDocument {
  const items = views.map((view): WebAnnotation => {
    const { "@context": _context, ...annotation } = toWebAnnotation(view, origin, positions);
    return annotation;
  });
  const pageCount = Math.ceil(items.length / pageSize);
  const pageId = (index: number) => `${collectionId}#page-${index + 1}`;
  let next: AnnotationPageDocument | undefined;
  // Built from the last page back, so each page can embed the one after it.
  for (let index = pageCount - 1; index >= 0; index -= 1) {
    next = {
      id: pageId(index),
      type: "AnnotationPage",
      partOf: { id: collectionId },
      startIndex: index * pageSize,
      items: items.slice(index * pageSize, (index + 1) * pageSize),
      ...(next ? { next } : {}),
      ...(index > 0 ? { prev: pageId(index - 1) } : {}),
    };
  }
  return {
    "@context": annotationContext(origin),
    id: collectionId,
    type: "AnnotationCollection",
    label,
    total: items.length,
    ...(next ? { first: next, last: pageId(pageCount - 1) } : {}),
  };
}
