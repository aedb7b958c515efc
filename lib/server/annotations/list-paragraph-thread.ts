import "server-only";
import type { ThreadSort } from "../../domain/annotation-input.ts";
import { isCountedInDiscussion } from "../../domain/discussion.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { countLockedPosts } from "./count-locked-posts.ts";
import { loadAnnotationContext } from "./load-annotation-context.ts";
import { annotationViewSelect, presentAnnotation, type AnnotationView } from "./present-annotation.ts";

/** Replies are indented to this depth; deeper ones stay at it and say whom they answer. */
export const MAX_REPLY_DEPTH = 3;

export type ThreadNode = AnnotationView & { depth: number; replies: ThreadNode[] };

export type ParagraphThread = {
  paragraphPosition: number;
  roots: ThreadNode[];
  /** What the paragraph's "Discussion (N)" counts (lib/domain/discussion.ts). */
  postCount: number;
  /** Post first: the paragraph is closed to the actor until they post on it; the posts waiting there. */
  locked: { postCount: number } | null;
};

const MAX_THREAD_POSTS = 2_000;

/**
 * A paragraph's discussion: its paragraph posts and the comments on passages inside it, each
 * with its replies nested; pinned posts first, then by the chosen order. Three queries whatever
 * the thread's size: roots, replies, and the actor's own upvotes.
 */
export async function listParagraphThread({
  actor,
  readingId,
  courseId,
  paragraphPosition,
  sort = "position",
}: {
  actor: ActorContext;
  readingId: string;
  courseId: string | null;
  paragraphPosition: number;
  sort?: ThreadSort;
}): Promise<ParagraphThread> {
  const context = await loadAnnotationContext(actor, readingId, courseId);
  const db = getDb();
  const paragraph = await db.paragraph.findFirst({
    where: { readingId, position: paragraphPosition, retiredInVersion: null },
    select: { id: true },
  });
  if (!paragraph) throw new AppError("NOT_FOUND", `This reading has no paragraph ${paragraphPosition}.`);
  const scope = annotationReadScope(actor);
  const base: Prisma.AnnotationWhereInput = { readingId, courseId, paragraphId: paragraph.id };
  const [rootRows, locks] = await Promise.all([
    db.annotation.findMany({
      where: { AND: [scope, base, { parentId: null, kind: { in: ["COMMENT", "PARAGRAPH_POST"] } }] },
      select: annotationViewSelect,
      take: MAX_THREAD_POSTS,
    }),
    countLockedPosts({ actor, readingId, courseId, assignmentId: context.assignmentId, paragraphId: paragraph.id }),
  ]);
  const isLocked = locks !== null && !locks.unlockedParagraphIds.includes(paragraph.id);
  const rootIds = rootRows.map((row) => row.id);
  const replyRows = rootIds.length
    ? await db.annotation.findMany({
        where: { AND: [scope, { rootId: { in: rootIds }, kind: "REPLY" }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: annotationViewSelect,
        take: MAX_THREAD_POSTS,
      })
    : [];
  const allIds = [...rootIds, ...replyRows.map((row) => row.id)];
  const upvoted = allIds.length
    ? new Set(
        (
          await db.reaction.findMany({
            where: { userId: actor.userId, kind: "UPVOTE", annotationId: { in: allIds } },
            select: { annotationId: true },
          })
        ).map((reaction) => reaction.annotationId),
      )
    : new Set<string>();

  const toNode = (view: AnnotationView, depth: number): ThreadNode => ({ ...view, hasUpvoted: upvoted.has(view.id), depth, replies: [] });
  const roots = rootRows.map((row) => toNode(presentAnnotation(actor, row), 0));
  const byId = new Map<string, ThreadNode>(roots.map((node) => [node.id, node]));
  for (const row of replyRows) {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (!parent) continue; // its parent is not visible to this actor
    const depth = Math.min(parent.depth + 1, MAX_REPLY_DEPTH);
    const node = toNode(presentAnnotation(actor, row), depth);
    byId.set(node.id, node);
    // Past the indentation limit, a reply sits beside its parent (and names whom it answers).
    const holder = parent.depth >= MAX_REPLY_DEPTH ? findHolder(byId, parent) : parent;
    holder.replies.push(node);
  }
  sortNodes(roots, sort);
  const postCount = [...byId.values()].filter(isCountedInDiscussion).length;
  return { paragraphPosition, roots, postCount, locked: isLocked ? { postCount: locks.lockedPostCounts[paragraph.id] ?? 0 } : null };
}

function findHolder(byId: Map<string, ThreadNode>, node: ThreadNode): ThreadNode {
  let current = node;
  while (current.depth >= MAX_REPLY_DEPTH && current.parentId) {
    const parent = byId.get(current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

function sortNodes(nodes: ThreadNode[], sort: ThreadSort): void {
  const score = (node: ThreadNode) => node.upvoteCount;
  nodes.sort((a, b) => {
    if (a.isPinned !== b.isPinned) return a.isPinned ? -1 : 1;
    if (sort === "newest") return b.createdAt.localeCompare(a.createdAt);
    if (sort === "top") return score(b) - score(a) || a.createdAt.localeCompare(b.createdAt);
    const startA = a.target?.start ?? -1;
    const startB = b.target?.start ?? -1;
    return startA - startB || a.createdAt.localeCompare(b.createdAt);
  });
  for (const node of nodes) {
    if (sort !== "position") sortNodes(node.replies, sort);
  }
}
