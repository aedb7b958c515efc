import "server-only";
import { decideNotificationExcerpt, postPath } from "../../domain/notification-content.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";

export type NotificationView = {
  id: string;
  type: "REPLY" | "MENTION" | "ENDORSED" | "ANSWERED";
  actorName: string;
  createdAt: string;
  isRead: boolean;
  /** Where it happened: the reading, its context and paragraph. */
  href: string;
  readingTitle: string;
  excerpt: string | null;
};

/**
 * The actor's notifications, newest first, one page. The excerpt passes through the permission
 * core again (decideNotificationExcerpt, as emails do): a post hidden, deleted or locked behind
 * "post first" since the notification shows no text.
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
            visibility: true,
            hiddenAt: true,
            deletedAt: true,
            assignmentId: true,
            paragraphId: true,
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
    const excerpt = decideNotificationExcerpt(actor, annotation);
    return {
      id: row.id,
      type: row.type,
      actorName: row.actor.name,
      createdAt: row.createdAt.toISOString(),
      isRead: row.readAt !== null,
      href: postPath({ readingId: annotation.readingId, courseId: annotation.courseId, paragraphPosition: annotation.paragraph.position }),
      readingTitle: annotation.reading.title,
      excerpt: excerpt.kind === "text" && excerpt.text ? excerpt.text : null,
    };
  });
  return { items, unreadCount };
}
