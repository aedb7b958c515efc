import "server-only";
import { annotationIdOfIri } from "../../domain/annotation-container-address.ts";
import { toFieldErrors } from "../../domain/field-errors.ts";
import { resolveRangeTarget, type WebAnnotationDraft } from "../../domain/web-annotation-input.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { updateAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { loadEditableAnnotation } from "./load-editable-annotation.ts";
import type { AnnotationView } from "./present-annotation.ts";
import { assertCreatorIsActor, assertTargetOnReading, commentaryFromDraft, validation } from "./read-web-annotation-body.ts";
import { updateAnnotation } from "./update-annotation.ts";

const MOTIVATION_OF_KIND = { HIGHLIGHT: "highlighting", COMMENT: "commenting", PARAGRAPH_POST: "commenting", REPLY: "replying" } as const;

/**
 * PUT of a W3C annotation (Web Annotation Protocol §5.3): the new representation replaces the
 * comment, tags, visibility and colour. What makes the annotation what it is — its target, its
 * motivation, its course — cannot change; a client sending a different one is told to create a
 * new annotation instead of having it silently ignored.
 */
export async function replaceWebAnnotation({
  actorId,
  annotationId,
  draft,
}: {
  actorId: string;
  annotationId: string;
  draft: WebAnnotationDraft;
}): Promise<AnnotationView> {
  const { row } = await loadEditableAnnotation(actorId, annotationId);
  if (draft.motivation !== null && draft.motivation !== MOTIVATION_OF_KIND[row.kind]) {
    throw validation("motivation", `This annotation's motivation is ${MOTIVATION_OF_KIND[row.kind]}; it cannot change.`);
  }
  if (draft.courseId !== undefined && draft.courseId !== row.courseId)
    throw validation("scholia:course", "An annotation cannot move to another course.");
  assertTargetOnReading(draft, row.readingId);
  await assertSameTarget(row, draft.target);
  assertSameIdentity(row, draft);
  assertCreatorIsActor(draft, actorId);
  if (row.kind === "HIGHLIGHT" && draft.comment !== null) throw validation("body", "A highlight has no comment.");
  if (row.kind !== "HIGHLIGHT" && draft.comment === null) {
    throw validation("body", "Send the comment as a TextualBody (a PUT replaces the whole annotation).");
  }
  const input = updateAnnotationInputSchema.safeParse({
    ...(row.kind !== "HIGHLIGHT" ? { body: commentaryFromDraft(draft.comment) } : {}),
    ...(row.kind !== "REPLY" ? { tags: draft.tags } : {}),
    ...(draft.visibility !== undefined ? { visibility: draft.visibility } : {}),
    ...(draft.color !== undefined && draft.color !== null ? { color: draft.color } : {}),
  });
  if (!input.success) {
    const fieldErrors = toFieldErrors(input.error);
    throw new AppError("VALIDATION", Object.values(fieldErrors).flat().join(" "), { fieldErrors });
  }
  if (row.kind === "REPLY" && draft.tags.length > 0) throw validation("body", "Replies have no tags.");
  const language = draft.provenance.language;
  if (language !== row.bodyLanguage) {
    // The comment is replaced, and its language with it (an update without one has none).
    await getDb().annotation.update({ where: { id: annotationId }, data: { bodyLanguage: language } });
  }
  return updateAnnotation({ actorId, annotationId, input: input.data });
}

/** What identifies an annotation and where it came from cannot change by PUT: its IRI, canonical, via and created. */
function assertSameIdentity(
  row: { id: string; canonicalIri: string | null; viaIris: string[]; createdAt: Date },
  draft: WebAnnotationDraft,
): void {
  if (draft.id !== undefined && annotationIdOfIri(draft.id) !== row.id) {
    throw validation("id", "id: a PUT sends the annotation's own IRI (or none).");
  }
  const { canonical, via, created } = draft.provenance;
  if (canonical !== null && canonical !== row.canonicalIri)
    throw validation("canonical", "canonical: an annotation's canonical IRI never changes.");
  if (via.length > 0 && via.join("\n") !== row.viaIris.join("\n"))
    throw validation("via", "via: where an annotation came from cannot change.");
  if (created !== null && created !== row.createdAt.toISOString()) {
    throw validation("created", `created: set when the annotation was made here (${row.createdAt.toISOString()}); it cannot change.`);
  }
}

async function assertSameTarget(
  row: {
    kind: string;
    parentId: string | null;
    readingId: string;
    startOffset: number | null;
    endOffset: number | null;
    paragraph: { position: number };
  },
  target: WebAnnotationDraft["target"],
): Promise<void> {
  const changed = validation("target", "An annotation's target cannot change; create a new annotation and delete this one.");
  // A reply targets the annotation it answers; older clients may still send its paragraph.
  if (row.kind === "REPLY" && target.kind === "annotation") {
    if (target.annotationId !== row.parentId) throw changed;
    return;
  }
  if (target.kind === "annotation") throw changed;
  if (row.startOffset === null || row.endOffset === null) {
    if (target.kind !== "paragraph" || target.paragraph !== row.paragraph.position) throw changed;
    return;
  }
  if (target.kind !== "range") throw changed;
  const reading = await getDb().reading.findUniqueOrThrow({ where: { id: row.readingId }, select: { canonicalText: true } });
  const resolved = resolveRangeTarget(reading.canonicalText, target);
  if (!resolved.ok || resolved.start !== row.startOffset || resolved.end !== row.endOffset) throw changed;
}
