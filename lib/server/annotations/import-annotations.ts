import "server-only";
import { listImportedAnnotations, type ImportedItem } from "../../domain/annotation-import.ts";
import { AppError } from "../app-error.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { createWebAnnotation } from "./create-web-annotation.ts";
import { deleteAnnotation } from "./delete-annotation.ts";
import { loadAnnotationContext } from "./load-annotation-context.ts";
import type { AnnotationView } from "./present-annotation.ts";
import { readWebAnnotationBody } from "./read-web-annotation-body.ts";
import { annotationUrl } from "./to-web-annotation.ts";

export type ImportAnnotationsResult = {
  imported: number;
  /** Deleted placeholders and hidden posts without their content (nothing to import), and the replies under them. */
  skipped: number;
  /** Group posts, which have no group here: imported as private. */
  madePrivate: number;
};

// What of an exported annotation describes where and by whom it was made, not what it says:
// the importer becomes its creator, the context is this one, and Scholia sets the rest again.
const SET_HERE = new Set([
  "id",
  "creator",
  "created",
  "modified",
  "scholia:kind",
  "scholia:paragraph",
  "scholia:root",
  "scholia:hidden",
  "scholia:deleted",
  "scholia:viaCreated",
  "scholia:course",
  "scholia:group",
  "scholia:visibility",
]);

/**
 * Imports a Web Annotation JSON-LD document (an export of this reading from another context,
 * or another client's annotations on it) into a context — a course (its instructors; not when
 * archived) or the importer's own notes — as the importer's posts, with selectors, bodies, tags,
 * colours and threads. Where each came from is kept as provenance (`via`, `created`). All or
 * nothing: every item is read first, and a failure while creating removes what this import made.
 */
export async function importAnnotations({
  actorId,
  readingId,
  courseId,
  document,
  origin,
}: {
  actorId: string;
  readingId: string;
  courseId: string | null;
  document: unknown;
  origin: string;
}): Promise<ImportAnnotationsResult> {
  if (courseId !== null) await requireCourseRole({ actorId, courseId, permission: "importAnnotations" });
  await loadAnnotationContext(await loadActorContext(actorId), readingId, courseId);
  const listed = listImportedAnnotations(document);
  if (!listed.ok) throw new AppError("VALIDATION", listed.message, { fieldErrors: { file: [listed.message] } });

  const skippedIds = new Set<string>();
  const plan: { item: ImportedItem; input: Record<string, unknown> }[] = [];
  let madePrivate = 0;
  for (const item of listed.items) {
    const { annotation } = item;
    // A deleted placeholder, or a hidden post whose content the exporter could not read, has nothing to import.
    const isEmpty = annotation["scholia:deleted"] === true || (annotation["scholia:hidden"] === true && annotation.body === undefined);
    if (isEmpty || (item.parentId !== null && skippedIds.has(item.parentId))) {
      if (item.sourceId !== null) skippedIds.add(item.sourceId);
      continue;
    }
    const input: Record<string, unknown> = Object.fromEntries(Object.entries(annotation).filter(([key]) => !SET_HERE.has(key)));
    const via = annotation.via === undefined ? [] : Array.isArray(annotation.via) ? annotation.via : [annotation.via];
    if (item.sourceId !== null && !via.includes(item.sourceId)) via.push(item.sourceId);
    if (via.length > 0) input.via = via;
    // When it was first made: the time its first home recorded, through any earlier import.
    const created = annotation["scholia:viaCreated"] ?? annotation.created;
    if (created !== undefined) input.created = created;
    if (item.parentId === null) {
      const visibility = annotation["scholia:visibility"];
      const kept = courseId === null ? "PRIVATE" : visibility === "COURSE" || visibility === "PRIVATE" ? visibility : "PRIVATE";
      if (courseId !== null && visibility === "GROUP") madePrivate += 1;
      input["scholia:visibility"] = kept;
    }
    // Checked now, before anything is created: what the file holds is all importable or none of it is.
    try {
      readWebAnnotationBody(input);
    } catch (error) {
      throw itemError(item, error);
    }
    plan.push({ item, input });
  }

  const created: AnnotationView[] = [];
  const newIds = new Map<string, string>();
  try {
    for (const { item, input } of plan) {
      if (item.parentId !== null) {
        const parent = newIds.get(item.parentId);
        if (!parent) throw itemError(item, new AppError("VALIDATION", "It answers an annotation that is not in the file."));
        input.target = annotationUrl(origin, { readingId, courseId }, parent);
      }
      let view: AnnotationView;
      try {
        view = await createWebAnnotation({ actorId, readingId, courseId, draft: readWebAnnotationBody(input) });
      } catch (error) {
        throw itemError(item, error);
      }
      created.push(view);
      if (item.sourceId !== null) newIds.set(item.sourceId, view.id);
    }
  } catch (error) {
    // Replies first, so no placeholder is left behind.
    for (const view of created.reverse()) await deleteAnnotation({ actorId, annotationId: view.id }).catch(() => undefined);
    throw error;
  }
  return { imported: created.length, skipped: skippedIds.size, madePrivate };
}

/** A refusal of one item, saying which (its number in the file and its IRI). */
function itemError(item: ImportedItem, error: unknown): unknown {
  if (!(error instanceof AppError) || (error.code !== "VALIDATION" && error.code !== "NOT_FOUND")) return error;
  const message = `Annotation ${item.position}${item.sourceId ? ` (${item.sourceId})` : ""}: ${error.message}`;
  return new AppError("VALIDATION", message, { fieldErrors: { file: [message] } });
}
