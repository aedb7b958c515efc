import "server-only";
import { localDayWindow } from "../../domain/mail/digest-schedule.ts";
import { digestMail, type DigestItem } from "../../domain/mail/digest-mail.ts";
import { frequencyFor } from "../../domain/mail/mail-preferences.ts";
import { renderMail } from "../../domain/mail/mail-markup.ts";
import { decideNotificationExcerpt, type NotificationType } from "../../domain/notification-content.ts";
import { DEFAULT_TIME_ZONE } from "../../domain/zoned-time.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import type { ComposedMail } from "./composed-mail.ts";
import { loadMailPreferences } from "./load-mail-preferences.ts";
import { describeNotifiedPost, notifiedPostSelect } from "./notified-post.ts";
import { listUnsubscribeHeaders, mailLinksFor } from "./mail-links.ts";
import type { MailSettings } from "./mail-settings.ts";

/** More than this in one day is summarised: the email would be too long to read anyway. */
const MAX_DIGEST_ITEMS = 100;
const ALL_TYPES: NotificationType[] = ["REPLY", "MENTION", "ENDORSED", "ANSWERED", "QUESTION_ANSWERED"];

/**
 * One person's daily digest for a local calendar day: the day's notifications whose kind they
 * get "daily" (as set now), not already emailed on their own, each through the permission core as
 * the post is now — deleted or out-of-sight posts drop out, hidden and locked ones show no text.
 */
export async function composeDigestMail(
  settings: MailSettings,
  { recipientId, date }: { recipientId: string; date: string },
): Promise<ComposedMail> {
  const db = getDb();
  const [user, preferences] = await Promise.all([
    db.user.findUnique({ where: { id: recipientId }, select: { email: true } }),
    loadMailPreferences({ userId: recipientId }),
  ]);
  if (!user) return { kind: "skip", reason: "The account no longer exists." };
  const dailyTypes = ALL_TYPES.filter((type) => frequencyFor(preferences, type) === "DAILY");
  if (dailyTypes.length === 0) return { kind: "skip", reason: "The recipient no longer gets a daily digest." };
  const timeZone = preferences.timeZone ?? DEFAULT_TIME_ZONE;
  const window = localDayWindow(date, timeZone);

  const notifications = await db.notification.findMany({
    where: {
      userId: recipientId,
      type: { in: dailyTypes },
      createdAt: { gte: window.start, lt: window.end },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_DIGEST_ITEMS,
    select: {
      id: true,
      type: true,
      createdAt: true,
      actor: { select: { name: true } },
      annotation: { select: notifiedPostSelect },
    },
  });
  // One that already went out on its own (the setting was "instantly" then) is not repeated.
  const sent = await db.mailDelivery.findMany({
    where: { notificationId: { in: notifications.map((notification) => notification.id) }, status: "SENT" },
    select: { notificationId: true },
  });
  const alreadySent = new Set(sent.map((delivery) => delivery.notificationId));
  const recipient = await loadActorContext(recipientId);
  const items: DigestItem[] = [];
  for (const notification of notifications) {
    if (alreadySent.has(notification.id)) continue;
    const post = notification.annotation;
    const excerpt = decideNotificationExcerpt(recipient, post, 1_000);
    if (excerpt.kind === "deleted" || excerpt.kind === "unreadable") continue;
    items.push({
      type: notification.type,
      actorName: notification.actor.name,
      ...describeNotifiedPost(settings, post, excerpt),
      createdAt: notification.createdAt,
      excerpt,
    });
  }
  if (items.length === 0) return { kind: "skip", reason: "Nothing for the digest of that day." };
  const links = mailLinksFor(settings, recipientId, "digest");
  const rendered = renderMail(digestMail({ date, timeZone, items, links }));
  return { kind: "send", to: user.email, ...rendered, headers: listUnsubscribeHeaders(links.oneClickUrl) };
}
