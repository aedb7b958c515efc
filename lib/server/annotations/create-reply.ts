import "server-only";
import { parseCommentary } from "../../domain/commentary.ts";
import { AppError } from "../app-error.ts";
import { requireOpenForPosts } from "../assignments/require-open-for-posts.ts";
import { armPostCap, withPostCap } from "../quotas/require-room-for-post.ts";
import { renderCommentaryHtml } from "../commentary/render-commentary.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { listReaders } from "../notifications/list-readers.ts";
import { recordAnnotationEvent } from "../realtime/record-annotation-event.ts";
import { loadActionableAnnotation } from "./load-actionable-annotation.ts";
import { insertAnnotation } from "./insert-annotation.ts";
import { authorOf, presentAnnotation, type AnnotationProvenance, type AnnotationView } from "./present-annotation.ts";

export const MAX_MENTIONS = 10;

/**
 * Replies to a post. The reply joins the thread's context and visibility (docs/ARCHITECTURE.md, "Visibility"); the parent's
 * author is notified, and so is each mentioned course member who can read the reply.
 */
export async function createReply({
  actorId,
  actorName,
  parentId,
  body,
  mentionedUserIds = [],
  provenance = null,
}: {
  actorId: string;
  /** The actor's name when the caller has it (the session's): the new reply's author, not read again. */
  actorName?: string;
  parentId: string;
  body: unknown;
  mentionedUserIds?: string[];
  /** What a Web Annotation client said of the reply's origin (createWebAnnotation). */
  provenance?: AnnotationProvenance | null;
}): Promise<AnnotationView> {
  const { actor, row: parent } = await loadActionableAnnotation(actorId, parentId);
  if (parent.kind === "HIGHLIGHT") throw new AppError("VALIDATION", "A highlight has no discussion; comment on the passage instead.");
  const parsed = parseCommentary(body);
  if (!parsed.ok) throw new AppError("VALIDATION", parsed.message, { fieldErrors: { body: [parsed.message] } });
  const mentions = [...new Set(mentionedUserIds)].filter((id) => id !== actorId).slice(0, MAX_MENTIONS);

  const db = getDb();
  await requireOpenForPosts(actor, { courseId: parent.courseId, assignmentId: parent.assignmentId }, { kind: "POST" });
  const author = await authorOf(actorId, actorName);
  const reply = await withPostCap(parent.courseId !== null, () =>
    db.$transaction(async (tx) => {
      await armPostCap(tx);
      const created = await insertAnnotation(tx, {
        data: {
          kind: "REPLY",
          authorId: actorId,
          readingId: parent.readingId,
          paragraphId: parent.paragraphId,
          courseId: parent.courseId,
          assignmentId: parent.assignmentId,
          groupId: parent.groupId,
          visibility: parent.visibility,
          parentId: parent.id,
          rootId: parent.rootId ?? parent.id,
          body: parsed.doc,
          bodyText: parsed.text,
          bodyHtml: renderCommentaryHtml(parsed.doc),
          mentionedUserIds: mentions,
        },
        provenance,
        author,
        paragraphPosition: parent.paragraph.position,
        parent: { deletedAt: null, author: { name: parent.author.name } },
        recipientsOf: (row) => notifiableRecipients(tx, row, parent.authorId, mentions),
      });
      await recordAnnotationEvent(tx, { type: "CREATED", annotation: created, actorId });
      return created;
    }),
  );
  return presentAnnotation(actor, reply);
}

/** Who hears of a reply: the parent's author, and mentioned members — each only if they may read it. */
async function notifiableRecipients(
  tx: Prisma.TransactionClient,
  reply: { authorId: string; courseId: string | null; groupId: string | null; visibility: "PRIVATE" | "GROUP" | "COURSE" },
  parentAuthorId: string,
  mentions: string[],
): Promise<{ userId: string; type: "REPLY" | "MENTION" }[]> {
  const readers = await listReaders(tx, reply, [parentAuthorId, ...mentions]);
  return readers.map((userId) => ({ userId, type: userId === parentAuthorId ? ("REPLY" as const) : ("MENTION" as const) }));
}
