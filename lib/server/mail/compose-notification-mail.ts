import "server-only";
import { CATEGORY_OF_NOTIFICATION, frequencyFor } from "../../domain/mail/mail-preferences.ts";
import { renderMail } from "../../domain/mail/mail-markup.ts";
import { notificationMail } from "../../domain/mail/notification-mail.ts";
import { decideNotificationExcerpt } from "../../domain/notification-content.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { listUnsubscribeHeaders, mailLinksFor } from "./mail-links.ts";
import type { MailSettings } from "./mail-settings.ts";
import { loadMailPreferences } from "./load-mail-preferences.ts";
import { describeNotifiedPost, notifiedPostSelect } from "./notified-post.ts";
import type { ComposedMail } from "./composed-mail.ts";

/**
 * The email for one notification, decided now: the recipient's preference for its type
 * (instantly; otherwise the digest or nothing), then the permission core on the post as it is
 * now — a post deleted or no longer visible to them sends nothing, one hidden or locked behind
 * "post first" sends the notice without the post's text.
 */
export async function composeNotificationMail(settings: MailSettings, notificationId: string): Promise<ComposedMail> {
  const notification = await getDb().notification.findUnique({
    where: { id: notificationId },
    select: {
      type: true,
      userId: true,
      user: { select: { email: true } },
      actor: { select: { name: true } },
      annotation: { select: notifiedPostSelect },
    },
  });
  // Deleting a post (or an account) deletes its notifications.
  if (!notification) return { kind: "skip", reason: "The notification no longer exists." };
  const preferences = await loadMailPreferences({ userId: notification.userId });
  const frequency = frequencyFor(preferences, notification.type);
  if (frequency === "DAILY") return { kind: "skip", reason: "The recipient gets these in the daily digest." };
  if (frequency === "OFF") return { kind: "skip", reason: "The recipient turned these emails off." };

  const recipient = await loadActorContext(notification.userId);
  const post = notification.annotation;
  const excerpt = decideNotificationExcerpt(recipient, post, 1_000);
  if (excerpt.kind === "deleted") return { kind: "skip", reason: "The post was deleted." };
  if (excerpt.kind === "unreadable") return { kind: "skip", reason: "The recipient can no longer see the post." };

  const links = mailLinksFor(settings, notification.userId, CATEGORY_OF_NOTIFICATION[notification.type]);
  const rendered = renderMail(
    notificationMail({
      type: notification.type,
      actorName: notification.actor.name,
      ...describeNotifiedPost(settings, post, excerpt),
      excerpt,
      links,
    }),
  );
  return { kind: "send", to: notification.user.email, ...rendered, headers: listUnsubscribeHeaders(links.oneClickUrl) };
}
