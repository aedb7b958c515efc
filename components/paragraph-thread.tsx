"use client";

import "./annotation-card.css";
import "./paragraph-thread.css";
import { useEffect, useRef, useState } from "react";
import { fetchEndpoint } from "@/lib/api/fetch-endpoint";
import { FetchError, messageOf } from "@/lib/api/fetch-error";
import { THREAD_SORTS, type ThreadSort } from "@/lib/domain/annotation-constants";
import type { ModerationAction } from "@/lib/domain/annotation-input";
import { formatPostCount, isCountedInDiscussion } from "@/lib/domain/discussion";
import { postAnchor, postPath } from "@/lib/domain/post-links";
import type { ThreadNode } from "@/lib/server/annotations/list-paragraph-thread";
import { CopyLinkButton } from "./copy-link-button";
import { requestCompose } from "./compose-events";
import { lockedDiscussionMessage } from "./paragraph-actions";
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

/** A paragraph's discussion: posts with their nested replies, upvotes, and staff moderation. */
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
  const [roots, setRoots] = useState<ThreadNode[] | null>(null);
  const [locked, setLocked] = useState<{ postCount: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Bumped after this reader's own upvote or moderation: the thread is read again.
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    // Only the answer to the latest request is shown (a slow answer for an older sort is dropped).
    const controller = new AbortController();
    fetchEndpoint("listParagraphThread", {
      params: { id: readingId, position: paragraph },
      query: { sort, course: courseId ?? undefined },
      signal: controller.signal,
    }).then(
      (thread) => {
        setRoots(thread.roots);
        setLocked(thread.locked);
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
  }, [readingId, courseId, paragraph, sort, refreshKey, reloadKey]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [paragraph]);

  useEffect(() => {
    if (focusId === null || roots === null) return;
    const post = document.getElementById(threadPostId(focusId));
    if (!post) return;
    post.scrollIntoView({ block: "center" });
    post.focus();
    onFocused?.();
  }, [focusId, roots, onFocused]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const panel = headingRef.current?.closest(".thread");
      if (event.key === "Escape" && panel?.contains(document.activeElement) && !document.activeElement?.closest(".composer")) onClose();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onClose]);

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

  const shown = roots && retractedIds && retractedIds.size > 0 ? withoutRetracted(roots, retractedIds) : roots;
  const count = shown ? countPosts(shown) : 0;
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
              actions={{ onReply, onEdit, onDelete, onUpvote: upvote, onModerate: moderate }}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
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

/** What the paragraph's "Discussion (N)" counts (lib/domain/discussion.ts), over what is shown. */
function countPosts(nodes: ThreadNode[]): number {
  return nodes.reduce((sum, node) => sum + (isCountedInDiscussion(node) ? 1 : 0) + countPosts(node.replies), 0);
}

type ThreadActions = {
  onReply: (node: ThreadNode) => void;
  onEdit: (node: ThreadNode) => void;
  onDelete: (node: ThreadNode) => void;
  onUpvote: (node: ThreadNode) => void;
  onModerate: (node: ThreadNode, action: ModerationAction["action"], success: string) => void;
};

type ThreadItemProps = { node: ThreadNode; rootIsQuestion: boolean; actions: ThreadActions };

function ThreadItem({ node, rootIsQuestion, actions }: ThreadItemProps) {
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
          <CopyLinkButton anchor={postAnchor(node.id)} path={postPath(node)} describedBy={labelId} />
          {node.canEdit ? (
            <button type="button" className="link-button" onClick={() => onEdit(node)} aria-describedby={labelId}>
              Edit
            </button>
          ) : null}
          {node.canDelete ? (
            <button type="button" className="link-button danger" onClick={() => onDelete(node)} aria-describedby={labelId}>
              Delete
            </button>
          ) : null}
          {node.canModerate ? (
            <>
              <button
                type="button"
                className="link-button"
                onClick={() => onModerate(node, node.isHidden ? "unhide" : "hide", node.isHidden ? "Shown again." : "Hidden.")}
                aria-describedby={labelId}
              >
                {node.isHidden ? "Unhide" : "Hide"}
              </button>
              {!isReply ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onModerate(node, node.isPinned ? "unpin" : "pin", node.isPinned ? "Unpinned." : "Pinned.")}
                  aria-describedby={labelId}
                >
                  {node.isPinned ? "Unpin" : "Pin"}
                </button>
              ) : null}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  onModerate(node, node.isEndorsed ? "unendorse" : "endorse", node.isEndorsed ? "Endorsement removed." : "Endorsed.")
                }
                aria-describedby={labelId}
              >
                {node.isEndorsed ? "Remove endorsement" : "Endorse"}
              </button>
              {isReply && rootIsQuestion ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    onModerate(
                      node,
                      node.isAnswer ? "unmark-answer" : "mark-answer",
                      node.isAnswer ? "No longer the answer." : "Marked as the answer.",
                    )
                  }
                  aria-describedby={labelId}
                >
                  {node.isAnswer ? "Unmark answer" : "Mark as answer"}
                </button>
              ) : null}
            </>
          ) : null}
        </div>
      </article>
      {node.replies.length > 0 ? (
        <ol className="thread-list replies" aria-label={`Replies to ${node.author.name}`}>
          {node.replies.map((reply) => (
            <ThreadItem key={reply.id} node={reply} rootIsQuestion={rootIsQuestion} actions={actions} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
