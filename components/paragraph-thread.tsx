"use client";

import "./annotation-card.css";
import "./paragraph-thread.css";
import { useEffect, useRef, useState } from "react";
import { fetchEndpoint } from "@/lib/api/fetch-endpoint";
import { FetchError, messageOf } from "@/lib/api/fetch-error";
import { THREAD_SORTS, type ThreadSort } from "@/lib/domain/annotation-constants";
import type { ModerationAction } from "@/lib/domain/annotation-input";
import { formatPostCount, isCountedInDiscussion } from "@/lib/domain/discussion";
import { nestThread, THREAD_PAGE_SIZE, THREAD_PAGE_SIZE_MAX } from "@/lib/domain/thread-tree";
import type { ParagraphThread, ThreadNode } from "@/lib/server/annotations/list-paragraph-thread";
import type { ThreadReplyPage } from "@/lib/server/annotations/list-thread-replies";
import { requestCompose } from "./compose-events";
import { lockedDiscussionMessage } from "./paragraph-actions";
import { PostLinkEditDelete } from "./post-link-edit-delete";
import { TimeDisplay } from "./time-display";

type ParagraphThreadProps = {
  readingId: string;
  courseId: string | null;
  paragraph: number;
  /** Bumped by the live channel: reload what is shown. */
  refreshKey: number;
  /** Posts the reader may no longer see (live retractions): left out, with their replies, at once. */
  retractedIds?: ReadonlySet<string>;
  onReply: (node: ThreadNode) => void;
  onEdit: (node: ThreadNode) => void;
  onDelete: (node: ThreadNode) => void;
  onClose: () => void;
  announce: (message: string) => void;
  /** A post a link named (`#a-<id>`): once the discussion has loaded, it is scrolled to and focused. */
  focusId?: string | null;
  onFocused?: () => void;
};

/**
 * A paragraph's discussion: posts with their nested replies, upvotes, and staff moderation. Posts
 * come a page at a time ("Load more posts"), each with its first replies ("Show N more replies").
 */
export function ParagraphThread({
  readingId,
  courseId,
  paragraph,
  refreshKey,
  retractedIds,
  onReply,
  onEdit,
  onDelete,
  onClose,
  announce,
  focusId = null,
  onFocused,
}: ParagraphThreadProps) {
  const [sort, setSort] = useState<ThreadSort>("position");
  const [loaded, setLoaded] = useState<LoadedThread | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState<{ rootId: string | null } | null>(null); // rootId null: posts
  // The first post a "Load more" brought: focused once it is rendered, then forgotten.
  const focusAfterLoad = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const threadKey = `${readingId}|${courseId ?? ""}|${paragraph}|${sort}`;
  // "Load more" and "Show more replies": one request at a time, given up when the thread or its
  // order changes or the panel closes, so a late answer neither announces nor moves focus.
  const moreRequest = useRef<AbortController | null>(null);
  useEffect(() => () => moreRequest.current?.abort(), [threadKey]);
  const loadedRef = useRef(loaded);
  useEffect(() => {
    loadedRef.current = loaded;
  }, [loaded]);

  // Bumped after this reader's own upvote or moderation: the thread is read again.
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    // Only the answer to the latest request is shown (a slow answer for an older sort is dropped).
    // A refresh (live event, own action, a linked post) reloads the roots the reader has loaded,
    // up to THREAD_PAGE_SIZE_MAX in one request, and keeps those beyond and the replies they
    // opened, so the reader keeps their place.
    const controller = new AbortController();
    const current = loadedRef.current?.threadKey === threadKey ? loadedRef.current : null;
    const limit = Math.min(Math.max(current?.roots.length ?? 0, THREAD_PAGE_SIZE), THREAD_PAGE_SIZE_MAX);
    fetchEndpoint("listParagraphThread", {
      params: { id: readingId, position: paragraph },
      query: { sort, course: courseId ?? undefined, limit, focus: focusId ?? undefined },
      signal: controller.signal,
    }).then(
      (thread) => {
        setLoaded((previous) => (previous?.threadKey === threadKey ? reloadedThread(previous, thread) : firstThread(threadKey, thread)));
        setError(null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setError(
          error instanceof FetchError && error.status === 0
            ? "Scholia could not be reached. The discussion will load when you are back online."
            : "The discussion could not be loaded. Try again.",
        );
      },
    );
    return () => controller.abort();
  }, [readingId, courseId, paragraph, sort, threadKey, refreshKey, reloadKey, focusId]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [paragraph]);

  useEffect(() => {
    if (focusId === null || loaded === null) return;
    const post = document.getElementById(threadPostId(focusId));
    if (!post) return;
    post.scrollIntoView({ block: "center" });
    post.focus();
    onFocused?.();
  }, [focusId, loaded, onFocused]);

  useEffect(() => {
    if (focusAfterLoad.current === null) return;
    const post = document.getElementById(threadPostId(focusAfterLoad.current));
    focusAfterLoad.current = null;
    post?.scrollIntoView({ block: "nearest" });
    post?.focus({ preventScroll: true });
  }, [loaded]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const panel = headingRef.current?.closest(".thread");
      if (event.key === "Escape" && panel?.contains(document.activeElement) && !document.activeElement?.closest(".composer")) onClose();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onClose]);

  /**
   * Loads the next page of posts (`rootId` null) or of one root's replies: what is new in the page
   * is merged into the thread (unless it changed meanwhile), the first new post is focused and
   * the count announced.
   */
  const loadMore = async <Page,>(
    rootId: string | null,
    request: (signal: AbortSignal) => Promise<Page>,
    took: (page: Page) => { fresh: readonly { id: string }[]; merge: (previous: LoadedThread) => LoadedThread; announcement: string },
    failure: string,
  ) => {
    if (loadingMore !== null) return;
    setLoadingMore({ rootId });
    moreRequest.current?.abort();
    const controller = new AbortController();
    moreRequest.current = controller;
    try {
      const page = await request(controller.signal);
      if (controller.signal.aborted) return;
      const { fresh, merge, announcement } = took(page);
      focusAfterLoad.current = fresh[0]?.id ?? null;
      setLoaded((previous) => (previous?.threadKey === threadKey ? merge(previous) : previous));
      announce(announcement);
    } catch (error) {
      if (!controller.signal.aborted) announce(messageOf(error, failure));
    } finally {
      if (moreRequest.current === controller) moreRequest.current = null;
      setLoadingMore(null);
    }
  };

  const loadMorePosts = async () => {
    if (!loaded || loaded.nextOffset === null) return;
    const known = new Set(loaded.roots.map((root) => root.id));
    const query = { sort, course: courseId ?? undefined, offset: loaded.nextOffset };
    await loadMore(
      null,
      (signal) => fetchEndpoint("listParagraphThread", { params: { id: readingId, position: paragraph }, query, signal }),
      (thread) => {
        const fresh = thread.roots.filter((root) => !known.has(root.id));
        const more = `${fresh.length} more ${fresh.length === 1 ? "post" : "posts"} loaded`;
        return {
          fresh,
          merge: (previous) => withNextPage(previous, thread),
          announcement: fresh.length === 0 ? "No more posts." : `${more}${thread.nextOffset === null ? ", no more after them" : ""}.`,
        };
      },
      "More posts could not be loaded. Try again.",
    );
  };

  const loadMoreReplies = async (rootId: string) => {
    if (!loaded) return;
    const known = new Set(loaded.replies.map((reply) => reply.id));
    const last = loaded.replies.findLast((reply) => reply.rootId === rootId);
    const query = { course: courseId ?? undefined, root: rootId, after: last?.id };
    await loadMore(
      rootId,
      (signal) => fetchEndpoint("listThreadReplies", { params: { id: readingId, position: paragraph }, query, signal }),
      (page) => {
        const fresh = page.replies.filter((reply) => !known.has(reply.id));
        const announcement = `${fresh.length} more ${fresh.length === 1 ? "reply" : "replies"} loaded.`;
        return { fresh, merge: (previous) => withMoreReplies(previous, page), announcement };
      },
      "More replies could not be loaded. Try again.",
    );
  };

  const act = async (request: Promise<unknown>, success: string) => {
    try {
      await request;
      announce(success);
      setReloadKey((key) => key + 1);
    } catch (error) {
      announce(messageOf(error));
    }
  };

  const upvote = (node: ThreadNode) =>
    void act(fetchEndpoint("toggleUpvote", { params: { id: node.id } }), node.hasUpvoted ? "Upvote removed." : "Upvoted.");

  const moderate = (node: ThreadNode, action: ModerationAction["action"], success: string) => {
    if (action === "hide") {
      const reason = window.prompt("Why hide this post? The author will see the reason.");
      if (reason?.trim()) void act(fetchEndpoint("moderateAnnotation", { params: { id: node.id }, body: { action, reason } }), success);
      return;
    }
    void act(fetchEndpoint("moderateAnnotation", { params: { id: node.id }, body: { action } }), success);
  };

  const isCurrent = loaded?.threadKey === threadKey;
  const nested = loaded && isCurrent ? nestThread(loaded.roots, loaded.replies, sort) : null;
  const shown = nested && retractedIds && retractedIds.size > 0 ? withoutRetracted(nested, retractedIds) : nested;
  const locked = isCurrent ? (loaded?.locked ?? null) : null;
  // The server counts the whole paragraph; a post retracted live since is taken off at once.
  const count = loaded && nested ? loaded.postCount - (retractedIds ? countPosts(nested, retractedIds) : 0) : 0;
  const actions = { onReply, onEdit, onDelete, onUpvote: upvote, onModerate: moderate };
  return (
    <section className="thread" aria-labelledby="thread-heading">
      <div className="thread-header">
        <h3 id="thread-heading" ref={headingRef} tabIndex={-1}>
          Discussion on paragraph {paragraph}
        </h3>
        <button type="button" className="link-button" onClick={onClose}>
          Close discussion
        </button>
      </div>
      <div className="thread-tools">
        <label>
          Sort by{" "}
          <select value={sort} onChange={(event) => setSort(THREAD_SORTS.find((option) => option === event.target.value) ?? "position")}>
            <option value="position">Position in the text</option>
            <option value="newest">Newest</option>
            <option value="top">Most upvoted</option>
          </select>
        </label>
        <span className="meta" aria-live="polite">
          {shown === null ? "Loading…" : locked ? "Locked" : formatPostCount(count)}
        </span>
      </div>
      {locked ? (
        <div className="locked-discussion" data-testid="locked-discussion">
          <p>
            <strong>Post first.</strong> {lockedDiscussionMessage(locked.postCount)}
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={(event) => requestCompose({ target: { paragraph }, quote: null, returnFocus: event.currentTarget })}
          >
            Comment on paragraph {paragraph}
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {shown !== null && shown.length === 0 && !locked ? (
        <p className="empty-state">No discussion on this paragraph yet. Start it with “Comment on paragraph”.</p>
      ) : null}
      {shown && shown.length > 0 ? (
        <ol className="thread-list">
          {shown.map((node) => (
            <ThreadItem
              key={node.id}
              node={node}
              rootIsQuestion={node.isQuestion}
              actions={actions}
              moreReplies={
                (loaded?.moreReplyCounts[node.id] ?? 0) > 0
                  ? {
                      count: loaded?.moreReplyCounts[node.id] ?? 0,
                      isLoading: loadingMore?.rootId === node.id,
                      onShow: () => void loadMoreReplies(node.id),
                    }
                  : null
              }
            />
          ))}
        </ol>
      ) : null}
      {shown && shown.length > 0 && loaded?.nextOffset != null ? (
        <button
          type="button"
          className="button button-secondary thread-more"
          aria-disabled={loadingMore?.rootId === null}
          onClick={() => void loadMorePosts()}
        >
          {loadingMore?.rootId === null ? "Loading more posts…" : "Load more posts"}
        </button>
      ) : null}
      {shown && loaded && loaded.nextOffset === null && loaded.roots.length > THREAD_PAGE_SIZE ? (
        <p className="meta thread-end">No more posts.</p>
      ) : null}
    </section>
  );
}

/** What the reader has loaded of one sort of one paragraph's discussion: flat, nested when shown. */
type LoadedThread = {
  threadKey: string;
  /** Roots in the server's order, page after page, each once. */
  roots: ThreadNode[];
  /** Every loaded reply, in time order. */
  replies: ThreadNode[];
  /** Per root: its replies not loaded yet. */
  moreReplyCounts: Record<string, number>;
  nextOffset: number | null;
  postCount: number;
  locked: { postCount: number } | null;
};

function firstThread(threadKey: string, thread: ParagraphThread): LoadedThread {
  return {
    threadKey,
    ...pageOf(thread),
    nextOffset: thread.nextOffset,
    postCount: thread.postCount,
    locked: thread.locked,
  };
}

function pageOf(thread: ParagraphThread): Pick<LoadedThread, "roots" | "replies" | "moreReplyCounts"> {
  return {
    roots: thread.roots,
    replies: thread.roots.flatMap((root) => flatten(root.replies)).sort(byTime),
    moreReplyCounts: Object.fromEntries(thread.roots.map((root) => [root.id, root.moreReplyCount ?? 0])),
  };
}

/** A reload of the first roots: theirs replace what was loaded; roots and replies loaded beyond them stay. */
function reloadedThread(previous: LoadedThread, thread: ParagraphThread): LoadedThread {
  const page = pageOf(thread);
  const reloadedRoots = new Set(page.roots.map((root) => root.id));
  const reloadedReplies = new Set(page.replies.map((reply) => reply.id));
  const keptRoots = previous.roots.filter((root) => !reloadedRoots.has(root.id));
  // Replies this reader opened with "Show more" beyond the reloaded first ones.
  const keptReplies = previous.replies.filter((reply) => !reloadedReplies.has(reply.id));
  const moreReplyCounts = { ...previous.moreReplyCounts };
  for (const root of page.roots) {
    const kept = keptReplies.filter((reply) => reply.rootId === root.id).length;
    moreReplyCounts[root.id] = Math.max(0, (root.moreReplyCount ?? 0) - kept);
  }
  const isWholeRangeReloaded = previous.roots.length <= THREAD_PAGE_SIZE_MAX;
  return {
    threadKey: previous.threadKey,
    roots: [...page.roots, ...keptRoots],
    replies: [...page.replies, ...keptReplies].sort(byTime),
    moreReplyCounts,
    nextOffset: isWholeRangeReloaded ? thread.nextOffset : previous.nextOffset,
    postCount: thread.postCount,
    locked: thread.locked,
  };
}

/** The next page: roots not loaded yet are appended (a root that moved across pages comes once). */
function withNextPage(previous: LoadedThread, thread: ParagraphThread): LoadedThread {
  const known = new Set(previous.roots.map((root) => root.id));
  const page = pageOf({ ...thread, roots: thread.roots.filter((root) => !known.has(root.id)) });
  return {
    ...previous,
    roots: [...previous.roots, ...page.roots],
    replies: [...previous.replies, ...page.replies].sort(byTime),
    moreReplyCounts: { ...previous.moreReplyCounts, ...page.moreReplyCounts },
    nextOffset: thread.nextOffset,
    postCount: thread.postCount,
  };
}

function withMoreReplies(previous: LoadedThread, page: ThreadReplyPage): LoadedThread {
  const known = new Set(previous.replies.map((reply) => reply.id));
  const fresh = page.replies.filter((reply) => !known.has(reply.id)).map((reply) => ({ ...reply, depth: 0, replies: [] }));
  return {
    ...previous,
    replies: [...previous.replies, ...fresh].sort(byTime),
    moreReplyCounts: { ...previous.moreReplyCounts, [page.rootId]: page.moreReplyCount },
  };
}

function flatten(nodes: ThreadNode[]): ThreadNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.replies)]);
}

function byTime(a: ThreadNode, b: ThreadNode): number {
  return a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The element id of a post in the discussion (the margin's cards are `annotation-<id>`). */
function threadPostId(annotationId: string): string {
  return `thread-post-${annotationId}`;
}

function withoutRetracted(nodes: ThreadNode[], retractedIds: ReadonlySet<string>): ThreadNode[] {
  return nodes
    .filter((node) => !retractedIds.has(node.id))
    .map((node) => ({ ...node, replies: withoutRetracted(node.replies, retractedIds) }));
}

/** The loaded posts among `ids` that "Discussion (N)" counts (lib/domain/discussion.ts). */
function countPosts(nodes: ThreadNode[], ids: ReadonlySet<string>): number {
  return flatten(nodes).filter((node) => ids.has(node.id) && isCountedInDiscussion(node)).length;
}

type ThreadActions = {
  onReply: (node: ThreadNode) => void;
  onEdit: (node: ThreadNode) => void;
  onDelete: (node: ThreadNode) => void;
  onUpvote: (node: ThreadNode) => void;
  onModerate: (node: ThreadNode, action: ModerationAction["action"], success: string) => void;
};

type ThreadItemProps = {
  node: ThreadNode;
  rootIsQuestion: boolean;
  actions: ThreadActions;
  /** On a root with replies not loaded yet: "Show N more replies". */
  moreReplies?: { count: number; isLoading: boolean; onShow: () => void } | null;
};

/** A moderation button's action, its label, and what is announced once it is done. */
type ModerationStep = readonly [action: ModerationAction["action"], label: string, announcement: string];

/**
 * Staff's moderation buttons on a post, in order: each sets one state of the post (hidden,
 * pinned…), or clears it once set. Pinning is for the posts that start a thread; marking the
 * answer, for the replies to a question.
 */
const MODERATION_TOGGLES: readonly {
  isOffered: (post: { isReply: boolean; rootIsQuestion: boolean }) => boolean;
  isSet: (node: ThreadNode) => boolean;
  set: ModerationStep;
  clear: ModerationStep;
}[] = [
  { isOffered: () => true, isSet: (node) => node.isHidden, set: ["hide", "Hide", "Hidden."], clear: ["unhide", "Unhide", "Shown again."] },
  {
    isOffered: ({ isReply }) => !isReply,
    isSet: (node) => node.isPinned,
    set: ["pin", "Pin", "Pinned."],
    clear: ["unpin", "Unpin", "Unpinned."],
  },
  {
    isOffered: () => true,
    isSet: (node) => node.isEndorsed,
    set: ["endorse", "Endorse", "Endorsed."],
    clear: ["unendorse", "Remove endorsement", "Endorsement removed."],
  },
  {
    isOffered: ({ isReply, rootIsQuestion }) => isReply && rootIsQuestion,
    isSet: (node) => node.isAnswer,
    set: ["mark-answer", "Mark as answer", "Marked as the answer."],
    clear: ["unmark-answer", "Unmark answer", "No longer the answer."],
  },
];

function ThreadItem({ node, rootIsQuestion, actions, moreReplies = null }: ThreadItemProps) {
  const { onReply, onEdit, onDelete, onUpvote, onModerate } = actions;
  const labelId = `thread-${node.id}-label`;
  const isReply = node.kind === "REPLY";
  const canReact = !node.isDeleted && node.bodyHtml !== null;
  return (
    <li className={`thread-item depth-${node.depth}`}>
      <article
        id={threadPostId(node.id)}
        tabIndex={-1}
        aria-labelledby={labelId}
        className={`thread-post${node.isAnswer ? " is-answer" : ""}`}
      >
        <header className="annotation-meta">
          <span id={labelId}>
            <strong>{node.author.name}</strong>
            {isReply && node.depth >= 3 && node.parentAuthorName ? ` replying to ${node.parentAuthorName}` : ""}
          </span>
          {node.isPinned ? <span className="badge">Pinned</span> : null}
          {node.isQuestion ? <span className="badge">Question</span> : null}
          {node.isAnswer ? <span className="badge badge-strong">Answer</span> : null}
          {node.isEndorsed ? <span className="badge badge-strong">Endorsed by instructor</span> : null}
          <TimeDisplay iso={node.createdAt} />
          {node.isEdited ? <span className="meta">(edited)</span> : null}
        </header>
        {node.target && !isReply ? <blockquote className="annotation-quote">{node.target.exact}</blockquote> : null}
        {node.isDeleted ? (
          <p className="meta">This post was deleted.</p>
        ) : node.bodyHtml === null ? (
          <p className="meta">Hidden by an instructor.</p>
        ) : (
          <>
            {node.isHidden ? (
              <p className="meta">Hidden by an instructor{node.hiddenReason ? `: “${node.hiddenReason}”` : ""} (you can still see it).</p>
            ) : null}
            <div className="annotation-body" dangerouslySetInnerHTML={{ __html: node.bodyHtml }} />
          </>
        )}
        <div className="card-actions">
          {canReact ? (
            <button
              type="button"
              className="link-button"
              aria-pressed={node.hasUpvoted}
              aria-label={`Upvote post by ${node.author.name}, ${node.upvoteCount} ${node.upvoteCount === 1 ? "upvote" : "upvotes"}`}
              onClick={() => onUpvote(node)}
            >
              ▲ {node.upvoteCount}
            </button>
          ) : null}
          {canReact ? (
            <button type="button" className="link-button" onClick={() => onReply(node)} aria-describedby={labelId}>
              Reply
            </button>
          ) : null}
          <PostLinkEditDelete post={node} labelId={labelId} onEdit={onEdit} onDelete={onDelete} />
          {node.canModerate
            ? MODERATION_TOGGLES.filter((toggle) => toggle.isOffered({ isReply, rootIsQuestion })).map((toggle) => {
                const [action, label, announcement] = toggle.isSet(node) ? toggle.clear : toggle.set;
                return (
                  <button
                    key={toggle.set[0]}
                    type="button"
                    className="link-button"
                    onClick={() => onModerate(node, action, announcement)}
                    aria-describedby={labelId}
                  >
                    {label}
                  </button>
                );
              })
            : null}
        </div>
      </article>
      {node.replies.length > 0 ? (
        <ol className="thread-list replies" aria-label={`Replies to ${node.author.name}`}>
          {node.replies.map((reply) => (
            <ThreadItem key={reply.id} node={reply} rootIsQuestion={rootIsQuestion} actions={actions} />
          ))}
        </ol>
      ) : null}
      {moreReplies ? (
        <button
          type="button"
          className="link-button thread-more-replies"
          aria-disabled={moreReplies.isLoading}
          aria-describedby={labelId}
          onClick={moreReplies.onShow}
        >
          {moreReplies.isLoading ? "Loading replies…" : `Show ${moreReplies.count} more ${moreReplies.count === 1 ? "reply" : "replies"}`}
        </button>
      ) : null}
    </li>
  );
}
