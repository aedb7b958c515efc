// Reading a Web Annotation JSON-LD document for import (an export of Scholia's, or another
// client's): its annotations in an order where every reply comes after the annotation it
// answers. Pure: the services turn each into a post of the importer's.

export const MAX_IMPORTED_ANNOTATIONS = 1_000;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]);
const typesOf = listOf;

export type ImportedItem = {
  /** Its place in the file, from 1 (for messages: the list is reordered). */
  position: number;
  /** The IRI the annotation had where it came from, or null. */
  sourceId: string | null;
  /** The IRI of the annotation it answers, when it is a reply. */
  parentId: string | null;
  annotation: Json;
};

export type ListImportedResult = { ok: true; items: ImportedItem[] } | { ok: false; message: string };

/**
 * The annotations of a document: an AnnotationCollection with its pages embedded (as Scholia
 * exports them), one AnnotationPage, a list of annotations, or one annotation. Replies come after
 * their parents (a reply whose parent is not in the document keeps its place: the service says
 * what to do with it). Anything else is refused with what was expected.
 */
export function listImportedAnnotations(document: unknown): ListImportedResult {
  const annotations: unknown[] = [];
  if (Array.isArray(document)) {
    // A bare list is only a list of annotations; an empty one is no document at all (an empty collection is).
    if (document.length === 0) return { ok: false, message: "The list holds no annotations: send an AnnotationCollection or annotations." };
    annotations.push(...listOf(document));
  } else if (isRecord(document) && typesOf(document.type).includes("AnnotationCollection")) {
    const seen = new Set<unknown>();
    for (let page = document.first; page !== undefined; page = isRecord(page) ? page.next : undefined) {
      if (!isRecord(page)) {
        return { ok: false, message: "The collection's pages must be embedded in the file (as Scholia exports them), not linked." };
      }
      if (seen.has(page)) break;
      seen.add(page);
      if (!Array.isArray(page.items)) return { ok: false, message: "An AnnotationPage has no items list." };
      annotations.push(...listOf(page.items));
    }
  } else if (isRecord(document) && typesOf(document.type).includes("AnnotationPage")) {
    if (!Array.isArray(document.items)) return { ok: false, message: "The AnnotationPage has no items list." };
    annotations.push(...listOf(document.items));
  } else if (isRecord(document) && typesOf(document.type).includes("Annotation")) {
    annotations.push(document);
  } else {
    return {
      ok: false,
      message: "This is not Web Annotation JSON-LD: expected an AnnotationCollection, an AnnotationPage or annotations.",
    };
  }
  if (annotations.length > MAX_IMPORTED_ANNOTATIONS) {
    return {
      ok: false,
      message: `A file holds at most ${MAX_IMPORTED_ANNOTATIONS.toLocaleString("en")} annotations; this one has ${annotations.length.toLocaleString("en")}.`,
    };
  }
  const items: ImportedItem[] = [];
  for (const [index, annotation] of annotations.entries()) {
    if (!isRecord(annotation))
      return { ok: false, message: `Item ${index + 1} is not an annotation (only embedded annotations can be imported).` };
    const targets = listOf(annotation.target);
    const target = targets.length === 1 ? targets[0] : annotation.target;
    const targetIri =
      typeof target === "string"
        ? target
        : isRecord(target) && target.selector === undefined && typeof target.source === "string"
          ? target.source
          : null;
    const isReply = annotation.motivation === "replying" && targetIri !== null && /\/annotations\/[^/#?]+$/.test(targetIri);
    items.push({
      position: index + 1,
      sourceId: typeof annotation.id === "string" ? annotation.id : null,
      parentId: isReply ? targetIri : null,
      annotation,
    });
  }
  return { ok: true, items: parentsFirst(items) };
}

/** Orders items so that each reply follows its parent (when the parent is in the list), keeping the document order otherwise. */
function parentsFirst(items: ImportedItem[]): ImportedItem[] {
  const present = new Set(items.map((item) => item.sourceId).filter((id) => id !== null));
  const placed = new Set<string>();
  const ordered: ImportedItem[] = [];
  let pending = items;
  while (pending.length > 0) {
    const next: ImportedItem[] = [];
    for (const item of pending) {
      if (item.parentId === null || !present.has(item.parentId) || placed.has(item.parentId)) {
        ordered.push(item);
        if (item.sourceId !== null) placed.add(item.sourceId);
      } else {
        next.push(item);
      }
    }
    // A cycle of replies (no item placed in a round) keeps its order: the service refuses them.
    if (next.length === pending.length) return [...ordered, ...next];
    pending = next;
  }
  return ordered;
}
