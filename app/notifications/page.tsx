import "@/components/annotation-card.css";
import "./notifications.css";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { NOTIFICATION_VERBS } from "@/lib/domain/notification-content";
import { requireActor } from "@/lib/server/auth/get-actor";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { markReadAction } from "./actions";
import { TimeDisplay } from "@/components/time-display";

export const metadata: Metadata = { title: "Notifications" };

const WHAT = NOTIFICATION_VERBS;

export default async function NotificationsPage() {
  const actor = await requireActor("/notifications");
  const { items, unreadCount } = await listNotifications({ actorId: actor.id });
  return (
    <>
      <h1>Notifications</h1>
      <p>
        {unreadCount === 0 ? "You are all caught up." : `${unreadCount} unread.`}{" "}
        <Link href="/settings/notifications">Choose which of these reach you by email</Link>.
      </p>
      {unreadCount > 0 ? (
        <ActionForm action={markReadAction} submitLabel="Mark all as read" submitClassName="button button-secondary" />
      ) : null}
      {items.length === 0 ? (
        <p className="empty-state">Nothing yet. Replies to your posts, mentions and instructors’ endorsements will show up here.</p>
      ) : (
        <ol className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={`notification${item.isRead ? "" : " is-unread"}`}>
              <p>
                {item.isRead ? null : <span className="visually-hidden">Unread: </span>}
                <strong>{item.actorName}</strong> {WHAT[item.type]} on{" "}
                {/* A full page load: the reading page opens the post its fragment names (#a-<id>) as it loads. */}
                <a href={item.href}>{item.readingTitle}</a>
                <span className="meta">
                  {" "}
                  · <TimeDisplay iso={item.createdAt} />
                </span>
              </p>
              {item.excerpt ? <blockquote className="annotation-quote">{item.excerpt}</blockquote> : null}
              {item.isLockedByPostFirst ? (
                <p className="meta" data-testid="notification-locked">
                  This post is on paragraph {item.paragraphPosition}, which opens once you have posted on it (post first). Post on that
                  paragraph to read it.
                </p>
              ) : null}
              {item.isRead ? null : (
                <ActionForm
                  action={markReadAction}
                  submitLabel="Mark as read"
                  submitClassName="link-button"
                  submitAriaLabel={`Mark as read: ${item.actorName} ${WHAT[item.type]}`}
                >
                  <input type="hidden" name="id" value={item.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
