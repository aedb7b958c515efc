import "server-only";
import type { ThreadSort } from "../../domain/annotation-input.ts";
import { DISCUSSION_KINDS } from "../../domain/discussion.ts";
import type { ReadingScope } from "../../domain/permissions.ts";
import { MAX_LINKED_REPLY_INDEX, nestThread, REPLY_PAGE_SIZE, THREAD_PAGE_SIZE, type Nested } from "../../domain/thread-tree.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { countLockedPosts } from "./count-locked-posts.ts";
import { annotationViewSelect, findAnnotationRowsInOrder, type AnnotationRow, type AnnotationView } from "./present-annotation.ts";
import { listReplyHeads, listTopRootIds, openParagraphThread, presentWithUpvotes } from "./thread-queries.ts";

export { MAX_REPLY_DEPTH } from "../../domain/thread-tree.ts";

export type ThreadNode = Nested<AnnotationView> & {
  /** On a root: its replies the reader may see that are not in `replies` yet ("Show N more replies"). 0 on replies. */
  moreReplyCount?: number;
};

export type ParagraphThread = {
  paragraphPosition: number;
  /** A page of roots in the chosen order, each with its first replies (and a linked post's root, if asked for). */
  roots: ThreadNode[];
  /** The `offset` of the next page, or null: no more roots. */
  nextOffset: number | null;
  /** What the paragraph's "Discussion (N)" counts (lib/domain/discussion.ts), over the whole paragraph. */
  postCount: number;
  /** Post first: the paragraph is closed to the actor until they post on it; the posts waiting there. */
  locked: { postCount: number } | null;
};

// Roots are paged by offset, not by a cursor on the sort key: under "top" the key (upvotes) moves
// while the reader pages, so a cursor would skip or repeat posts as well, and only the offset lets
// a live refresh reload "the first N the reader has" in one bounded request. A post that moves
// across a page boundary meanwhile comes twice (the client keeps the first by id) or is seen on
// the next refresh. Paging pinned and unpinned roots separately keeps "pinned first" in the
// database's order without sorting on an expression.
// "top" (most upvoted first) is ordered in SQL by listTopRootIds (thread-queries.ts).
const ROOT_ORDER: Record<Exclude<ThreadSort, "top">, Prisma.AnnotationOrderByWithRelationInput[]> = {
  position: [{ startOffset: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
  newest: [{ createdAt: "desc" }, { id: "desc" }],
};

/**
 * A page of a paragraph's discussion: its paragraph posts and the comments on passages inside
 * it, pinned first, then by the chosen order, each with its first REPLY_PAGE_SIZE replies (in
 * time order) nested, and how many more each has. The number of queries and the rows read do not
 * grow with the paragraph's posts beyond the page's replies; the count is a COUNT.
 *
 * `focusId` (a link to a post, `#a-<id>`): its root is added to the page when it is not on it,
 * and a linked reply comes with its root's replies up to it (at most MAX_LINKED_REPLY_INDEX).
 */
export async function listParagraphThread({
  actor,
  readingId,
  courseId,
  paragraphPosition,
  sort = "position",
  offset = 0,
  limit = THREAD_PAGE_SIZE,
  focusId = null,
}: ReadingScope & {
  paragraphPosition: number;
  sort?: ThreadSort;
  offset?: number;
  limit?: number;
  focusId?: string | null;
}): Promise<ParagraphThread> {
  const { context, paragraphId, where } = await openParagraphThread(actor, readingId, courseId, paragraphPosition);
  const db = getDb();
  const rootWhere: Prisma.AnnotationWhereInput = { AND: [where, { parentId: null, kind: { in: ["COMMENT", "PARAGRAPH_POST"] } }] };
  const [page, focus, postCount, locks] = await Promise.all([
    findRootPage(rootWhere, sort, offset, limit, (pinned, skip, take) =>
      listTopRootIds(actor, { readingId, courseId, paragraphId }, { pinned, skip, take }),
    ),
    focusId
      ? db.annotation.findFirst({
          where: { AND: [where, { id: focusId, kind: { in: [...DISCUSSION_KINDS] } }] },
          select: { id: true, rootId: true },
        })
      : null,
    db.annotation.count({ where: { AND: [where, { kind: { in: [...DISCUSSION_KINDS] }, deletedAt: null }] } }),
    countLockedPosts({ actor, readingId, courseId, assignmentId: context.assignmentId, paragraphId }),
  ]);
  const rootRows = page.rows;
  const focusRootId = focus ? (focus.rootId ?? focus.id) : null;
  if (focusRootId && !rootRows.some((row) => row.id === focusRootId)) {
    const linkedRoot = await db.annotation.findFirst({ where: { AND: [rootWhere, { id: focusRootId }] }, select: annotationViewSelect });
    if (linkedRoot) rootRows.push(linkedRoot);
  }

  // Which replies come with the page: the first ones of each root (bounded per root, counted in
  // the database), then the chosen ones in full.
  const rootIds = rootRows.map((row) => row.id);
  const heads = await listReplyHeads(actor, { readingId, courseId, paragraphId }, rootIds, {
    perRoot: REPLY_PAGE_SIZE,
    linkedRoot: focus && focus.rootId ? focusRootId : null,
    linkedPerRoot: MAX_LINKED_REPLY_INDEX + 1,
  });
  const chosen: string[] = [];
  const moreReplyCounts = new Map<string, number>();
  for (const rootId of rootIds) {
    const head = heads.get(rootId) ?? { ids: [], total: 0 };
    const linkedIndex = focus && focusRootId === rootId ? head.ids.indexOf(focus.id) : -1;
    const shown = linkedIndex >= 0 && linkedIndex < MAX_LINKED_REPLY_INDEX ? Math.max(REPLY_PAGE_SIZE, linkedIndex + 1) : REPLY_PAGE_SIZE;
    chosen.push(...head.ids.slice(0, shown));
    moreReplyCounts.set(rootId, Math.max(0, head.total - Math.min(shown, head.ids.length)));
  }
  const [replyRows, upvotes] = await Promise.all([
    chosen.length
      ? db.annotation.findMany({
          where: { AND: [where, { id: { in: chosen } }] },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: annotationViewSelect,
        })
      : [],
    db.reaction.findMany({
      where: { userId: actor.userId, kind: "UPVOTE", annotationId: { in: [...rootIds, ...chosen] } },
      select: { annotationId: true },
    }),
  ]);
  const upvoted = new Set(upvotes.map((upvote) => upvote.annotationId));
  const roots: ThreadNode[] = nestThread(presentWithUpvotes(actor, rootRows, upvoted), presentWithUpvotes(actor, replyRows, upvoted), sort);
  for (const root of roots) root.moreReplyCount = moreReplyCounts.get(root.id) ?? 0;
  const isLocked = locks !== null && !locks.unlockedParagraphIds.includes(paragraphId);
  return {
    paragraphPosition,
    roots,
    nextOffset: page.hasMore ? offset + limit : null,
    postCount,
    locked: isLocked ? { postCount: locks.lockedPostCounts[paragraphId] ?? 0 } : null,
  };
}

/** Roots offset..offset+limit: the pinned ones first, each group in the sort's order. */
async function findRootPage(
  rootWhere: Prisma.AnnotationWhereInput,
  sort: ThreadSort,
  offset: number,
  limit: number,
  topIds: (pinned: boolean, skip: number, take: number) => Promise<string[]>,
): Promise<{ rows: AnnotationRow[]; hasMore: boolean }> {
  const db = getDb();
  const pinned: Prisma.AnnotationWhereInput = { AND: [rootWhere, { pinnedAt: { not: null } }] };
  const unpinned: Prisma.AnnotationWhereInput = { AND: [rootWhere, { pinnedAt: null }] };
  const pageIds = async (isPinned: boolean, skip: number, take: number): Promise<{ id: string }[]> =>
    sort === "top"
      ? (await topIds(isPinned, skip, take)).map((id) => ({ id }))
      : db.annotation.findMany({ where: isPinned ? pinned : unpinned, orderBy: ROOT_ORDER[sort], skip, take, select: { id: true } });
  // One more than asked: whether there is a next page, without counting the roots. Ids first
  // (narrow rows to sort and skip), then the page's views: in one statement PostgreSQL would join
  // every skipped row's author, parent and reactions too.
  const [pinnedCount, pinnedIds] = await Promise.all([db.annotation.count({ where: pinned }), pageIds(true, offset, limit + 1)]);
  const rest = limit + 1 - pinnedIds.length;
  const unpinnedIds = rest > 0 ? await pageIds(false, Math.max(0, offset - pinnedCount), rest) : [];
  const rows = await findAnnotationRowsInOrder(
    rootWhere,
    [...pinnedIds, ...unpinnedIds].map((row) => row.id),
  );
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
