import type { ThreadSort } from "./annotation-constants.ts";

// How a paragraph's discussion is nested, shared by the server (the first page of a thread) and
// the browser (replies loaded later with "Show more replies"), so both nest the same way.
//
// Replies are loaded in time order, a page at a time: a reply is always written after its parent,
// so every reply's parent is already loaded when the reply arrives (unless the reader may not see
// the parent: then the reply is left out, as the whole thread always did).

/** Replies are indented to this depth; deeper ones stay at it and say whom they answer. */
export const MAX_REPLY_DEPTH = 3;

/** Roots per "Load more posts" page. */
export const THREAD_PAGE_SIZE = 20;
/** The most roots one request returns: a live refresh reloads what the reader has loaded, up to this. */
export const THREAD_PAGE_SIZE_MAX = 200;
/** Replies shown under each root of a page; "Show N more replies" loads the rest in pages of REPLY_PAGE_SIZE_MAX. */
export const REPLY_PAGE_SIZE = 10;
export const REPLY_PAGE_SIZE_MAX = 50;
/** A link to a reply loads its root's replies up to it, at most this many (the rest stay behind "Show more"). */
export const MAX_LINKED_REPLY_INDEX = 200;

/** What nesting and ordering read of a post. */
export type ThreadPost = {
  id: string;
  parentId: string | null;
  isPinned: boolean;
  createdAt: string;
  upvoteCount: number;
  target: { start: number } | null;
};

export type Nested<T> = T & { depth: number; replies: Nested<T>[] };

/**
 * Nests `replies` (in time order) under `roots` (kept in the order given: the server's page
 * order). Replies under each post follow `sort` ("position": time order).
 */
export function nestThread<T extends ThreadPost>(roots: readonly T[], replies: readonly T[], sort: ThreadSort): Nested<T>[] {
  const nestedRoots = roots.map((root): Nested<T> => ({ ...root, depth: 0, replies: [] }));
  const byId = new Map<string, Nested<T>>(nestedRoots.map((node) => [node.id, node]));
  for (const reply of replies) {
    const parent = reply.parentId ? byId.get(reply.parentId) : undefined;
    if (!parent || byId.has(reply.id)) continue; // its parent is not visible to this reader, or it came twice
    const node: Nested<T> = { ...reply, depth: Math.min(parent.depth + 1, MAX_REPLY_DEPTH), replies: [] };
    byId.set(node.id, node);
    // Past the indentation limit, a reply sits beside its parent (and names whom it answers).
    const holder = parent.depth >= MAX_REPLY_DEPTH ? findHolder(byId, parent) : parent;
    holder.replies.push(node);
  }
  if (sort !== "position") for (const root of nestedRoots) sortReplies(root.replies, sort);
  return nestedRoots;
}

function findHolder<T extends ThreadPost>(byId: Map<string, Nested<T>>, node: Nested<T>): Nested<T> {
  let current = node;
  while (current.depth >= MAX_REPLY_DEPTH && current.parentId) {
    const parent = byId.get(current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

function sortReplies<T extends ThreadPost>(nodes: Nested<T>[], sort: ThreadSort): void {
  nodes.sort(compareBy(sort));
  for (const node of nodes) sortReplies(node.replies, sort);
}

/** The thread's order of posts: pinned first, then by the chosen sort (the server's root order too). */
export function compareBy(sort: ThreadSort): (a: ThreadPost, b: ThreadPost) => number {
  return (a, b) => {
    if (a.isPinned !== b.isPinned) return a.isPinned ? -1 : 1;
    if (sort === "newest") return b.createdAt.localeCompare(a.createdAt);
    if (sort === "top") return b.upvoteCount - a.upvoteCount || a.createdAt.localeCompare(b.createdAt);
    return (a.target?.start ?? -1) - (b.target?.start ?? -1) || a.createdAt.localeCompare(b.createdAt);
  };
}
