import "server-only";
import { canModerateAnnotation, describeWriteRefusal } from "../../domain/permissions.ts";
import type { ModerationAction } from "../../domain/annotation-input.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { NotificationType } from "../../domain/notification-content.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { createNotifications } from "../notifications/create-notifications.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { recordAnnotationEvent } from "../realtime/record-annotation-event.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import { annotationViewSelect, presentAnnotation, type AnnotationView } from "./present-annotation.ts";

/**
 * What instructors and TAs do to posts: hide (with a reason) and unhide, pin a thread's root,
 * endorse, and mark a reply to a question as its answer. Endorsing and answering notify the
 * author. One verb, one permission: canModerateAnnotation.
 */
export async function moderateAnnotation({
  actorId,
  annotationId,
  action,
}: {
  actorId: string;
  annotationId: string;
  action: ModerationAction;
}): Promise<AnnotationView> {
  const actor = await loadActorContext(actorId);
  const row = await loadReadableAnnotationRow(actor, annotationId);
  const refusal = describeWriteRefusal(actor, row.courseId);
  if (refusal && actor.archivedCourseIds?.includes(row.courseId ?? "")) throw new AppError("FORBIDDEN", refusal);
  if (!canModerateAnnotation(actor, row)) throw new AppError("FORBIDDEN", "Only the course's instructors and TAs can do that.");
  const now = new Date();
  let data: Prisma.AnnotationUpdateInput;
  let notify: "ENDORSED" | "ANSWERED" | null = null;
  /** The question's author, told that their question has an answer. */
  let asker: string | null = null;
  switch (action.action) {
    case "hide":
      data = { hiddenAt: now, hiddenById: actorId, hiddenReason: action.reason };
      break;
    case "unhide":
      data = { hiddenAt: null, hiddenById: null, hiddenReason: null };
      break;
    case "pin":
    case "unpin":
      if (row.parentId !== null) throw new AppError("VALIDATION", "Only the first post of a thread can be pinned.");
      data = { pinnedAt: action.action === "pin" ? now : null };
      break;
    case "endorse":
      data = { endorsedAt: now, endorsedById: actorId };
      notify = "ENDORSED";
      break;
    case "unendorse":
      data = { endorsedAt: null, endorsedById: null };
      break;
    case "mark-answer":
    case "unmark-answer": {
      if (row.parentId === null || row.rootId === null) throw new AppError("VALIDATION", "Only a reply can be marked as the answer.");
      const root = await getDb().annotation.findUnique({ where: { id: row.rootId }, select: { isQuestion: true, authorId: true } });
      if (!root?.isQuestion) throw new AppError("VALIDATION", "Only replies to a question can be marked as its answer.");
      data =
        action.action === "mark-answer"
          ? { answerMarkedAt: now, answerMarkedById: actorId }
          : { answerMarkedAt: null, answerMarkedById: null };
      if (action.action === "mark-answer") {
        notify = "ANSWERED";
        asker = root.authorId;
      }
      break;
    }
  }
  const updated = await getDb().$transaction(async (tx) => {
    const result = await tx.annotation.update({ where: { id: row.id }, data, select: annotationViewSelect });
    const recipients: { userId: string; type: NotificationType }[] = [];
    if (notify && row.authorId !== actorId) recipients.push({ userId: row.authorId, type: notify });
    // The asker reads the answer: it is a reply in their own thread, with their thread's visibility.
    if (asker && asker !== actorId && asker !== row.authorId) recipients.push({ userId: asker, type: "QUESTION_ANSWERED" });
    await createNotifications(tx, { annotationId: row.id, actorId, recipients });
    await recordAnnotationEvent(tx, { type: "MODERATED", annotation: result, actorId });
    return result;
  });
  return presentAnnotation(actor, updated);
}
