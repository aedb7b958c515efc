import "server-only";
import { isInsideSurrogatePair } from "../../domain/text-positions.ts";
import { describeRange, MAX_QUOTE_LENGTH } from "../../domain/anchoring.ts";
import { parseCommentary } from "../../domain/commentary.ts";
import { allowedVisibilities, findMembership, isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { renderCommentaryHtml } from "../commentary/render-commentary.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { createNotifications } from "../notifications/create-notifications.ts";
import { listReaders } from "../notifications/list-readers.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { postCapValue, withPostCap } from "../quotas/require-room-for-post.ts";
import { readingNotFound } from "../readings/reading-access.ts";
import { lockReadingText } from "../readings/reading-text-lock.ts";
import { loadReadingText } from "../readings/reading-text-cache.ts";
import { recordAnnotationEventAtVersion } from "../realtime/record-annotation-event.ts";
import type { CreateAnnotationInput } from "../../domain/annotation-input.ts";
import { requireOpenForPosts } from "../assignments/require-open-for-posts.ts";
import { loadAnnotationContext } from "./load-annotation-context.ts";
import {
  annotationColumnsSelect,
  authorOf,
  newAnnotationRow,
  presentAnnotation,
  type AnnotationRow,
  provenanceData,
  type AnnotationProvenance,
  type AnnotationView,
} from "./present-annotation.ts";

/**
 * Creates a highlight, a comment on a range, or a paragraph post. The range is checked against
 * the reading's canonical text and stored with both selectors; the body is validated tiptap JSON
 * rendered to HTML here, on the server.
 */
export async function createAnnotation({
  actorId,
  actorName,
  input,
  provenance = null,
}: {
  actorId: string;
  /** The actor's name when the caller has it (the session's): the new row's author, not read again. */
  actorName?: string;
  input: CreateAnnotationInput;
  /** What a Web Annotation client said of the annotation's origin (createWebAnnotation). */
  provenance?: AnnotationProvenance | null;
}): Promise<AnnotationView> {
  const db = getDb();
  const actor = await loadActorContext(actorId);
  // Access first: whether the reading exists is only told to those who may open it.
  const context = await loadAnnotationContext(actor, input.readingId, input.courseId);
  await requireOpenForPosts(actor, context, { kind: input.kind === "HIGHLIGHT" ? "HIGHLIGHT" : "POST" });
  const { visibility, groupId } = resolveVisibility(actor, input);
  if (groupId && !(await db.group.findFirst({ where: { id: groupId, courseId: context.courseId ?? "" }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "That group is not in this course.", {
      fieldErrors: { groupId: ["That group is not in this course."] },
    });
  }
  const body = resolveBody(input);
  const author = await authorOf(actorId, actorName);

  const created = await withPostCap(context.courseId !== null, async () => {
    // The text is this instance's copy (reading-text-cache.ts) unless it proves older than the
    // stored one; then it is read again and the annotation placed once more.
    for (const fresh of [false, true]) {
      const reading = await loadReadingText(input.readingId, { fresh });
      if (!reading) throw readingNotFound();
      let target: ReturnType<typeof resolveTarget>;
      try {
        target = resolveTarget(reading, input);
      } catch (error) {
        if (reading.isCached) continue;
        throw error;
      }
      let row: AnnotationRow;
      try {
        row = await db.$transaction(async (tx) => {
          // The target was resolved against this version of the text: an edit saved meanwhile would
          // have re-anchored everything but this annotation. The lock (shared: posts do not wait for
          // each other) keeps the version until commit, and its round trip arms the post cap, which
          // PostgreSQL checks at commit (require-room-for-post.ts); the version is read with the event.
          await lockReadingText(tx, reading.id, "shared", { postCap: postCapValue() });
          const columns = await tx.annotation.create({
            data: {
              kind: input.kind,
              authorId: actorId,
              readingId: reading.id,
              paragraphId: target.paragraphId,
              courseId: context.courseId,
              assignmentId: context.assignmentId,
              groupId,
              visibility,
              startOffset: target.range?.position.start ?? null,
              endOffset: target.range?.position.end ?? null,
              quoteExact: target.range?.quote.exact ?? null,
              quotePrefix: target.range?.quote.prefix ?? null,
              quoteSuffix: target.range?.quote.suffix ?? null,
              color: input.kind === "PARAGRAPH_POST" ? null : (input.color ?? "yellow"),
              tags: input.tags,
              isQuestion: input.kind !== "HIGHLIGHT" && input.isQuestion === true,
              mentionedUserIds: input.kind === "HIGHLIGHT" ? [] : input.mentionedUserIds,
              ...provenanceData(provenance),
              ...body,
            },
            select: annotationColumnsSelect,
          });
          const row = newAnnotationRow(columns, { author, paragraphPosition: target.paragraphPosition, parent: null });
          const mentioned = await listReaders(tx, row, row.mentionedUserIds);
          await createNotifications(tx, {
            annotationId: row.id,
            actorId,
            recipients: mentioned.map((userId) => ({ userId, type: "MENTION" as const })),
          });
          if (!(await recordAnnotationEventAtVersion(tx, { annotation: row, actorId, version: reading.version }))) {
            throw new TextVersionChanged();
          }
          return row;
        });
      } catch (error) {
        if (!(error instanceof TextVersionChanged)) throw error;
        // Rolled back: place it again on the current text, unless this was the current text.
        if (reading.isCached) continue;
        throw textEditedMeanwhile();
      }
      return row;
    }
    throw textEditedMeanwhile();
  });
  return presentAnnotation(actor, created);
}

export function resolveVisibility(
  actor: ActorContext,
  input: { courseId: string | null; visibility?: "PRIVATE" | "GROUP" | "COURSE" | undefined; groupId?: string | undefined },
): { visibility: "PRIVATE" | "GROUP" | "COURSE"; groupId: string | null } {
  const visibility = input.visibility ?? (input.courseId === null ? "PRIVATE" : "COURSE");
  const allowed = allowedVisibilities(actor, input.courseId);
  if (!allowed.includes(visibility)) {
    const message =
      input.courseId === null
        ? "A note outside a course is private."
        : visibility === "GROUP"
          ? "You are not in a group in this course yet, so you cannot post to a group."
          : `You cannot post with visibility ${visibility} here.`;
    throw new AppError("VALIDATION", message, { fieldErrors: { visibility: [message] } });
  }
  if (visibility !== "GROUP") return { visibility, groupId: null };
  const membership = findMembership(actor, input.courseId)!;
  if (!isStaffRole(membership.role)) return { visibility, groupId: membership.groupId };
  if (!input.groupId) {
    throw new AppError("VALIDATION", "Choose the group to post to.", { fieldErrors: { groupId: ["Choose the group to post to."] } });
  }
  return { visibility, groupId: input.groupId };
}

type ReadingForTarget = { canonicalText: string; paragraphs: { id: string; position: number; startOffset: number; text: string }[] };

function resolveTarget(reading: ReadingForTarget, input: CreateAnnotationInput) {
  if ("paragraph" in input.target) {
    if (input.kind !== "PARAGRAPH_POST") throw targetError("Highlights and comments target a range of text ({start, end}).");
    const paragraph = reading.paragraphs.find((candidate) => candidate.position === (input.target as { paragraph: number }).paragraph);
    if (!paragraph) throw targetError(`This reading has no paragraph ${input.target.paragraph}.`);
    return { paragraphId: paragraph.id, paragraphPosition: paragraph.position, range: null };
  }
  if (input.kind === "PARAGRAPH_POST") throw targetError("A paragraph post targets a paragraph ({paragraph: n}).");
  let { start, end } = input.target;
  if (end > reading.canonicalText.length) throw targetError("The selection falls outside the text.");
  // A half of a character (an emoji's surrogate pair split) would be stored as a lone surrogate.
  if (isInsideSurrogatePair(reading.canonicalText, start) || isInsideSurrogatePair(reading.canonicalText, end)) {
    throw targetError("The selection starts or ends inside a character (between the halves of a surrogate pair).");
  }
  // A selection that starts or ends in the blank line between paragraphs is trimmed to the text.
  while (start < end && /\s/.test(reading.canonicalText[start]!)) start += 1;
  while (end > start && /\s/.test(reading.canonicalText[end - 1]!)) end -= 1;
  if (start >= end) throw targetError("The selection has no text in it.");
  if (end - start > MAX_QUOTE_LENGTH) throw targetError("The selection is too long to annotate at once.");
  const paragraph = [...reading.paragraphs].reverse().find((candidate) => candidate.startOffset <= start)!;
  return { paragraphId: paragraph.id, paragraphPosition: paragraph.position, range: describeRange(reading.canonicalText, start, end) };
}

function resolveBody(input: CreateAnnotationInput): Pick<Prisma.AnnotationCreateInput, "body" | "bodyText" | "bodyHtml"> {
  if (input.kind === "HIGHLIGHT") {
    if (input.body !== undefined && input.body !== null) {
      throw new AppError("VALIDATION", "A highlight has no text; post a COMMENT to say something.", {
        fieldErrors: { body: ["A highlight has no text."] },
      });
    }
    return {};
  }
  const parsed = parseCommentary(input.body);
  if (!parsed.ok) throw new AppError("VALIDATION", parsed.message, { fieldErrors: { body: [parsed.message] } });
  return { body: parsed.doc, bodyText: parsed.text, bodyHtml: renderCommentaryHtml(parsed.doc) };
}

/** Thrown inside the transaction to roll it back: the reading's text is no longer the version the post was placed on. */
class TextVersionChanged extends Error {}

function textEditedMeanwhile(): AppError {
  return new AppError("CONFLICT", "The text of this reading was just edited. Reload it and select the passage again.");
}

function targetError(message: string): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { target: [message] } });
}
