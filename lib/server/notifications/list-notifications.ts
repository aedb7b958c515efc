import "server-only";
import { notificationPath, type NotificationType } from "../../domain/notification-content.ts";
import { pointedContentAccess } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";

export type NotificationView = {
  id: string;
  type: NotificationType;
  actorName: string;
  createdAt: string;
  isRead: boolean;
  /** Where it happened: the reading, its context and paragraph. */
  href: string;
  readingTitle: string;
  /** The post's first words, when the reader may read it now. */
  excerpt: string | null;
  /**
   * The post sits on a post-first paragraph the reader has not posted on yet: the notification
   * says that a post is waiting and that posting unlocks it, and shows nothing of it.
   */
  isLockedByPostFirst: boolean;
  paragraphPosition: number;
};

/**
 * The actor's notifications, newest first, one page. The excerpt passes through the permission
 * core again, gates included: a post hidden or deleted since the notification shows no text, and
 * one behind a post-first gate says only that posting on its paragraph unlocks it.
 */
export async function listNotifications({
  actorId,
  take = 50,
}: {
  actorId: string;
  take?: number;
}): Promise<{ items: NotificationView[]; unreadCount: number }> {
  const db = getDb();
  const [actor, rows, unreadCount] = await Promise.all([
    loadActorContext(actorId),
    db.notification.findMany({
      where: { userId: actorId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(take, 1), 200),
      select: {
        id: true,
        type: true,
        readAt: true,
        createdAt: true,
        actor: { select: { name: true } },
        annotation: {
          select: {
            id: true,
            authorId: true,
            courseId: true,
            groupId: true,
            assignmentId: true,
            paragraphId: true,
            visibility: true,
            hiddenAt: true,
            deletedAt: true,
            bodyText: true,
            readingId: true,
            reading: { select: { title: true } },
            paragraph: { select: { position: true } },
          },
        },
      },
    }),
    db.notification.count({ where: { userId: actorId, readAt: null } }),
  ]);
  const items = rows.map((row) => {
    const annotation = row.annotation;
    const access = pointedContentAccess(actor, annotation);
    return {
      id: row.id,
      type: row.type,
      actorName: row.actor.name,
      createdAt: row.createdAt.toISOString(),
      isRead: row.readAt !== null,
      href: notificationPath(
        { ...annotation, paragraphPosition: annotation.paragraph.position },
        { kind: access === "post-first-locked" ? "locked" : "text" },
      ),
      readingTitle: annotation.reading.title,
      excerpt: access === "readable" && annotation.bodyText ? annotation.bodyText.slice(0, 160) : null,
      isLockedByPostFirst: access === "post-first-locked",
      paragraphPosition: annotation.paragraph.position,
    };
  });
  return { items, unreadCount };
}
