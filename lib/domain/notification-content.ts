import { paragraphPath, postPath } from "./post-links.ts";
import { canReadAnnotation, pointedContentAccess, type ActorContext, type AnnotationFacts } from "./permissions.ts";

// What a notification may say about its post, decided by the permission core
// (pointedContentAccess) at the moment it is shown or emailed — not when it was created: a post
// hidden, deleted, made private or locked behind "post first" since then gives no text. The
// notifications page and every email ask the same function, so an email never carries text the
// recipient could not read in the app.

export type NotificationType = "REPLY" | "MENTION" | "ENDORSED" | "ANSWERED" | "QUESTION_ANSWERED";

/** "<actor> replied to your post", as the notifications page and emails put it. */
export const NOTIFICATION_VERBS = {
  REPLY: "replied to your post",
  MENTION: "mentioned you",
  ENDORSED: "endorsed your post",
  ANSWERED: "marked your reply as the answer",
  QUESTION_ANSWERED: "marked an answer to your question",
} as const satisfies Record<NotificationType, string>;

export type NotificationExcerpt =
  | { kind: "text"; text: string }
  /** Behind a post-first gate: the recipient has not posted on that paragraph yet. */
  | { kind: "locked" }
  /** Hidden by an instructor (and the recipient is neither its author nor staff). */
  | { kind: "hidden" }
  | { kind: "deleted" }
  /** Nothing of it is visible to the recipient any more (visibility narrowed, left the course). */
  | { kind: "unreadable" };

/**
 * pointedContentAccess (the permission core's answer for a post someone is pointed to), with the
 * reason spelled out when there is no text: an email says "hidden", sends nothing for a post that
 * is deleted or out of the recipient's sight.
 */
export function decideNotificationExcerpt(
  recipient: ActorContext,
  post: AnnotationFacts & { bodyText: string | null },
  maxLength = 160,
): NotificationExcerpt {
  switch (pointedContentAccess(recipient, post)) {
    case "readable":
      return { kind: "text", text: (post.bodyText ?? "").slice(0, maxLength) };
    case "post-first-locked":
      return { kind: "locked" };
    case "unreadable":
      if (post.deletedAt !== null) return { kind: "deleted" };
      // Readable but for the moderation: hidden from them by an instructor.
      return post.hiddenAt !== null && canReadAnnotation(recipient, post) ? { kind: "hidden" } : { kind: "unreadable" };
  }
}

/**
 * Where a notification sends its reader: the post itself (its permanent link), or, while it sits
 * behind a post-first gate, the paragraph to post on (the notification shows nothing of the post).
 */
export function notificationPath(
  post: { id: string; readingId: string; courseId: string | null; paragraphPosition: number },
  excerpt: Pick<NotificationExcerpt, "kind">,
): string {
  return excerpt.kind === "locked" ? paragraphPath(post) : postPath(post);
}
