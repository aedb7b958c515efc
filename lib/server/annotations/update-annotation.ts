import "server-only";
import { parseCommentary } from "../../domain/commentary.ts";
import type { Visibility } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { requireOpenForPosts } from "../assignments/require-open-for-posts.ts";
import { renderCommentaryHtml } from "../commentary/render-commentary.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { recordAnnotationEvent } from "../realtime/record-annotation-event.ts";
import type { UpdateAnnotationInput } from "../../domain/annotation-input.ts";
import { resolveVisibility } from "./create-annotation.ts";
import { loadEditableAnnotation } from "./load-editable-annotation.ts";
import { annotationViewSelect, presentAnnotation, type AnnotationView } from "./present-annotation.ts";

/** The author changes the body, tags, colour or visibility; the post is marked "edited". */
export async function updateAnnotation({
  actorId,
  annotationId,
  input,
}: {
  actorId: string;
  annotationId: string;
  input: UpdateAnnotationInput;
}): Promise<AnnotationView> {
  const { actor, row } = await loadEditableAnnotation(actorId, annotationId);
  await requireOpenForPosts(
    actor,
    { courseId: row.courseId, assignmentId: row.assignmentId },
    { kind: row.kind === "HIGHLIGHT" ? "HIGHLIGHT" : "POST", action: "edit" },
  );

  const data: Prisma.AnnotationUpdateInput = { editedAt: new Date() };
  if (input.body !== undefined) {
    if (row.kind === "HIGHLIGHT") throw new AppError("VALIDATION", "A highlight has no text to edit.");
    const parsed = parseCommentary(input.body);
    if (!parsed.ok) throw new AppError("VALIDATION", parsed.message, { fieldErrors: { body: [parsed.message] } });
    data.body = parsed.doc;
    data.bodyText = parsed.text;
    data.bodyHtml = renderCommentaryHtml(parsed.doc);
  }
  if (input.tags !== undefined) data.tags = input.tags;
  if (input.isQuestion !== undefined) {
    if (row.kind === "HIGHLIGHT" || row.kind === "REPLY")
      throw new AppError("VALIDATION", "Only comments and paragraph posts can be questions.");
    data.isQuestion = input.isQuestion;
  }
  if (input.color !== undefined) {
    if (row.kind === "PARAGRAPH_POST" || row.kind === "REPLY")
      throw new AppError("VALIDATION", "Only highlights and comments have a colour.");
    data.color = input.color;
  }
  if (input.visibility !== undefined && input.visibility !== row.visibility) {
    if (row.parentId !== null) throw new AppError("VALIDATION", "A reply has the visibility of its thread.");
    const resolved = resolveVisibility(actor, { courseId: row.courseId, visibility: input.visibility, groupId: row.groupId ?? undefined });
    data.visibility = resolved.visibility;
    data.group = resolved.groupId ? { connect: { id: resolved.groupId } } : { disconnect: true };
  }
  const updated = await getDb().$transaction(async (tx) => {
    if (data.visibility !== undefined) {
      // Replies share their thread's visibility. Once others have replied, neither direction is
      // safe: narrowing would take their replies (graded work, perhaps) away from everyone but
      // their authors, widening would show group-mates' replies to readers they never wrote for.
      const othersReplies = await tx.annotation.count({ where: { rootId: row.id, authorId: { not: row.authorId }, deletedAt: null } });
      if (othersReplies > 0) {
        const isWider = REACH[data.visibility as Visibility] > REACH[row.visibility];
        throw new AppError(
          "CONFLICT",
          isWider
            ? "Others have replied in this thread, so it cannot be shared more widely: their replies were written for its current readers."
            : "Others have replied in this thread, so it cannot be made more private: their replies would disappear.",
          {
            fieldErrors: {
              visibility: [
                isWider
                  ? "Others have replied: the thread cannot be shared more widely."
                  : "Others have replied: the thread cannot be made more private.",
              ],
            },
          },
        );
      }
    }
    const result = await tx.annotation.update({ where: { id: row.id }, data, select: annotationViewSelect });
    // Replies share their thread's visibility (docs/ARCHITECTURE.md, "Visibility"): they follow a change of the root.
    if (data.visibility !== undefined) {
      await tx.annotation.updateMany({ where: { rootId: row.id }, data: { visibility: result.visibility, groupId: result.groupId } });
    }
    // The snapshot is the wider of before and after; the bus also checks the post as it is now,
    // so readers who lose sight of it get no event (their copy updates on the next load).
    await recordAnnotationEvent(tx, { type: "UPDATED", annotation: widerOf(row, result), actorId });
    return result;
  });
  return presentAnnotation(actor, updated);
}

const REACH = { PRIVATE: 0, GROUP: 1, COURSE: 2 } as const;

/** Of two states of one annotation, the one more people could read. */
function widerOf<T extends { visibility: "PRIVATE" | "GROUP" | "COURSE" }>(before: T, after: T): T {
  return REACH[after.visibility] >= REACH[before.visibility] ? after : before;
}
