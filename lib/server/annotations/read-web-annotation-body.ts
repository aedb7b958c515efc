import "server-only";
import { plainTextToCommentary } from "../../domain/commentary.ts";
import { toFieldErrors } from "../../domain/field-errors.ts";
import {
  findUnsupportedField,
  readWebAnnotation,
  webAnnotationInputSchema,
  type WebAnnotationDraft,
} from "../../domain/web-annotation-input.ts";
import { AppError } from "../app-error.ts";
import { htmlToCommentary } from "../commentary/html-to-commentary.ts";

/** A W3C annotation from a request body, read into a draft, or a VALIDATION error naming the field. */
export function readWebAnnotationBody(raw: unknown): WebAnnotationDraft {
  const unsupported = findUnsupportedField(raw);
  if (unsupported) throw validation(unsupported.field, unsupported.message);
  const parsed = webAnnotationInputSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.map(String).join(".")}: ` : "";
    throw new AppError("VALIDATION", `${where}${first?.message ?? "This is not a Web Annotation."}`, {
      fieldErrors: toFieldErrors(parsed.error),
    });
  }
  const read = readWebAnnotation(parsed.data);
  if (!read.ok) throw validation(read.field, read.message);
  return read.draft;
}

/** A target's source, when given, must be the reading the annotation is (to be) on. */
export function assertTargetOnReading(draft: WebAnnotationDraft, readingId: string): void {
  const source = draft.target.source;
  if (source === null) return;
  const named = /\/readings\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(source);
  if (!named) throw validation("target", "target.source is the reading's address (…/readings/<id>).");
  if (named[1] !== readingId) throw validation("target", "target.source names another reading than this annotation's.");
}

/**
 * The draft's comment as a commentary document (unvalidated: the annotation services validate
 * it). HTML goes through the commentary schema's parser, so no client HTML is ever stored or
 * sent back — only what the schema holds, rendered again by us.
 */
export function commentaryFromDraft(comment: WebAnnotationDraft["comment"]): unknown {
  if (comment === null) return undefined;
  if (comment.format === "text/plain") return plainTextToCommentary(comment.value);
  const converted = htmlToCommentary(comment.value);
  if (!converted.ok) throw validation("body", converted.message);
  return converted.doc;
}

export function validation(field: string, message: string): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] } });
}

/** A creator sent with an annotation must be the person signed in: another's authorship is never taken on. */
export function assertCreatorIsActor(draft: WebAnnotationDraft, actorId: string): void {
  if (draft.creatorIri === undefined) return;
  const named = draft.creatorIri === null ? null : /\/users\/([A-Za-z0-9_-]+)$/.exec(draft.creatorIri);
  if (!named || named[1] !== actorId) {
    throw validation("creator", "creator: an annotation's creator is the person who sends it (…/users/<your id>); leave creator out.");
  }
}
