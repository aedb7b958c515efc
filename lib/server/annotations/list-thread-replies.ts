import "server-only";
import type { ReadingScope } from "../../domain/permissions.ts";
import { REPLY_PAGE_SIZE_MAX } from "../../domain/thread-tree.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AnnotationView } from "./present-annotation.ts";
import { loadThreadPosts, openParagraphThread } from "./thread-queries.ts";

export type ThreadReplyPage = {
  rootId: string;
  /** The next replies of the root after `after`, in time order, flat (the client nests them: lib/domain/thread-tree.ts). */
  replies: AnnotationView[];
  /** Its replies the reader may see after these. */
  moreReplyCount: number;
};

/**
 * "Show N more replies": the next replies of one root of a paragraph's discussion, after the
 * reply `after` (none: from the first), in time order. Replies are paged by a cursor on
 * (createdAt, id): their order never changes, and a reply's parent is always before it.
 * Everything read is inside the same scope as the thread itself (openParagraphThread).
 */
export async function listThreadReplies({
  actor,
  readingId,
  courseId,
  paragraphPosition,
  rootId,
  after = null,
  limit = REPLY_PAGE_SIZE_MAX,
}: ReadingScope & {
  paragraphPosition: number;
  rootId: string;
  after?: string | null;
  limit?: number;
}): Promise<ThreadReplyPage> {
  const { where } = await openParagraphThread(actor, readingId, courseId, paragraphPosition);
  const db = getDb();
  const [root, cursor] = await Promise.all([
    db.annotation.findFirst({ where: { AND: [where, { id: rootId, parentId: null }] }, select: { id: true } }),
    after
      ? db.annotation.findFirst({ where: { AND: [where, { id: after, rootId, kind: "REPLY" }] }, select: { id: true, createdAt: true } })
      : null,
  ]);
  if (!root) throw new AppError("NOT_FOUND", "This post is not available to you.");
  if (after && !cursor) {
    throw new AppError("VALIDATION", "after is not a reply in this thread.", {
      fieldErrors: { after: ["after is not a reply in this thread."] },
    });
  }
  const later: Prisma.AnnotationWhereInput = {
    AND: [
      where,
      { rootId, kind: "REPLY" },
      cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {},
    ],
  };
  const [ids, remaining] = await Promise.all([
    db.annotation.findMany({ where: later, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { id: true } }),
    db.annotation.count({ where: later }),
  ]);
  const replies = await loadThreadPosts(
    actor,
    where,
    ids.map((row) => row.id),
  );
  return { rootId, replies, moreReplyCount: Math.max(0, remaining - ids.length) };
}
