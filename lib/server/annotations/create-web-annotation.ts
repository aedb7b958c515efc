import "server-only";
import { resolveRangeTarget, type WebAnnotationDraft } from "../../domain/web-annotation-input.ts";
import { toFieldErrors } from "../../domain/field-errors.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { readingNotFound } from "../readings/reading-access.ts";
import { createAnnotation } from "./create-annotation.ts";
import { createReply } from "./create-reply.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import { loadAnnotationContext } from "./load-annotation-context.ts";
import type { AnnotationProvenance, AnnotationView } from "./present-annotation.ts";
import { assertCreatorIsActor, assertTargetOnReading, commentaryFromDraft, validation } from "./read-web-annotation-body.ts";

/**
 * Creates an annotation from a W3C Web Annotation POSTed to a reading's container (the reading
 * in `courseId`, or the actor's own notes). The target's quote is found in the reading's text,
 * the comment becomes a commentary document, and the rest is createAnnotation's: the same
 * checks of context, visibility and body as a post made in the page.
 */
export async function createWebAnnotation({
  actorId,
  actorName,
  readingId,
  courseId,
  draft,
}: {
  actorId: string;
  /** The session's name for the actor, when the caller has it (createAnnotation). */
  actorName?: string;
  readingId: string;
  courseId: string | null;
  draft: WebAnnotationDraft;
}): Promise<AnnotationView> {
  const [serverManaged] = draft.serverManaged;
  if (serverManaged) throw validation(serverManaged, `${serverManaged}: set by Scholia; leave it out of a new annotation.`);
  assertCreatorIsActor(draft, actorId);
  assertTargetOnReading(draft, readingId);
  if (draft.courseId !== undefined && draft.courseId !== courseId) {
    throw validation("scholia:course", "scholia:course differs from this container’s course (…/courses/<id>/annotations/).");
  }
  if (draft.target.kind === "annotation")
    return createWebReply({ actorId, actorName, readingId, courseId, draft, parentId: draft.target.annotationId });
  if (draft.motivation === "replying") {
    throw validation("target", "A reply (motivation replying) targets the annotation it answers: its IRI (…/annotations/<id>).");
  }
  let target: { start: number; end: number } | { paragraph: number };
  let kind: "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST";
  if (draft.target.kind === "paragraph") {
    if (draft.motivation === "highlighting") throw validation("motivation", "A highlight targets a range of text, not a whole paragraph.");
    kind = "PARAGRAPH_POST";
    target = { paragraph: draft.target.paragraph };
  } else {
    // Access before the text is searched: whether a quote occurs in a reading is only told to
    // those who may open it (createAnnotation checks again with the rest of the post).
    await loadAnnotationContext(await loadActorContext(actorId), readingId, courseId);
    const reading = await getDb().reading.findUnique({ where: { id: readingId }, select: { canonicalText: true } });
    if (!reading) throw readingNotFound();
    const resolved = resolveRangeTarget(reading.canonicalText, draft.target);
    if (!resolved.ok) throw validation("target", resolved.message);
    target = { start: resolved.start, end: resolved.end };
    kind = draft.motivation === "highlighting" || (draft.motivation === null && draft.comment === null) ? "HIGHLIGHT" : "COMMENT";
  }
  if (kind === "HIGHLIGHT" && draft.comment !== null) {
    throw validation("body", 'A highlight has no comment; use motivation "commenting" to say something.');
  }
  if (kind !== "HIGHLIGHT" && draft.comment === null) {
    throw validation("body", "A comment needs a TextualBody (text/plain or text/html) with its text.");
  }
  const input = createAnnotationInputSchema.omit({ readingId: true }).safeParse({
    courseId,
    kind,
    target,
    body: commentaryFromDraft(draft.comment),
    tags: draft.tags,
    ...(draft.visibility !== undefined ? { visibility: draft.visibility } : {}),
    ...(draft.groupId !== undefined ? { groupId: draft.groupId } : {}),
    ...(draft.color !== undefined && draft.color !== null ? { color: draft.color } : {}),
  });
  if (!input.success) {
    const fieldErrors = toFieldErrors(input.error);
    throw new AppError("VALIDATION", Object.values(fieldErrors).flat().join(" "), { fieldErrors });
  }
  return createAnnotation({ actorId, actorName, input: { ...input.data, readingId }, provenance: provenanceOf(draft) });
}

/**
 * A reply posted to the container: its target is the annotation it answers, which must be a
 * thread in this container (this reading, this context); the reply joins that thread.
 */
async function createWebReply({
  actorId,
  actorName,
  readingId,
  courseId,
  draft,
  parentId,
}: {
  actorId: string;
  actorName: string | undefined;
  readingId: string;
  courseId: string | null;
  draft: WebAnnotationDraft;
  parentId: string;
}): Promise<AnnotationView> {
  if (draft.motivation !== null && draft.motivation !== "replying") {
    throw validation("motivation", "An annotation that targets another annotation is a reply: its motivation is replying.");
  }
  const parent = await loadReadableAnnotationRow(await loadActorContext(actorId), parentId);
  if (parent.readingId !== readingId || parent.courseId !== courseId) {
    throw validation("target", "The annotation this reply answers is not in this container (another reading or context).");
  }
  if (draft.comment === null) throw validation("body", "A reply needs a TextualBody (text/plain or text/html) with its text.");
  if (draft.tags.length > 0) throw validation("body", "Replies have no tags.");
  // A reply joins its thread's visibility and group; saying the same is fine, saying another is refused.
  if (draft.visibility !== undefined && draft.visibility !== parent.visibility) {
    throw validation("scholia:visibility", `A reply takes its thread's visibility (${parent.visibility}); leave scholia:visibility out.`);
  }
  if (draft.groupId !== undefined && draft.groupId !== parent.groupId) {
    throw validation("scholia:group", "A reply takes its thread's group; leave scholia:group out.");
  }
  if (draft.color !== undefined && draft.color !== null) throw validation("scholia:color", "Replies have no colour.");
  return createReply({ actorId, actorName, parentId, body: commentaryFromDraft(draft.comment), provenance: provenanceOf(draft) });
}

/**
 * What the client said of the annotation's origin, kept: canonical, via, its created time, its
 * comment's language; an id it had elsewhere joins via (Web Annotation Protocol §5.1).
 */
function provenanceOf(draft: WebAnnotationDraft): AnnotationProvenance {
  const via =
    draft.id !== undefined && !draft.provenance.via.includes(draft.id) ? [...draft.provenance.via, draft.id] : draft.provenance.via;
  return { ...draft.provenance, via };
}
