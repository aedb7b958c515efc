import { NOTIFICATION_VERBS, type NotificationType } from "../notification-content.ts";
import { describeLocalDate, localTimeOf } from "./digest-schedule.ts";
import { excerptOf, type MailBlock, type MailMessage } from "./mail-markup.ts";
import { preferenceFooter, whereText, type MailLinks, type NotificationMailInput } from "./notification-mail.ts";

export type DigestItem = {
  type: NotificationType;
  actorName: string;
  readingTitle: string;
  courseTitle: string | null;
  postUrl: string;
  createdAt: Date;
  excerpt: NotificationMailInput["excerpt"];
};

export type DigestGroup = { title: string; items: DigestItem[] };

/**
 * The day's notifications by where they happened (reading and course), in order of time, each
 * with its local time: the digest's body. Groups come in the order of their first item.
 */
export function groupDigestItems(items: readonly DigestItem[]): DigestGroup[] {
  const sorted = [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const groups = new Map<string, DigestGroup>();
  for (const item of sorted) {
    const title = whereText(item.readingTitle, item.courseTitle);
    const group = groups.get(title) ?? { title, items: [] };
    group.items.push(item);
    groups.set(title, group);
  }
  return [...groups.values()];
}

function describeItem(item: DigestItem): string | undefined {
  switch (item.excerpt.kind) {
    case "text":
      return item.excerpt.text.trim() ? excerptOf(item.excerpt.text, 200) : undefined;
    case "locked":
      return "Post first: post on that paragraph to read it.";
    case "hidden":
      return "Hidden by an instructor.";
  }
}

/** One email with a day's notifications (those set to "Daily digest"), in the recipient's zone. */
export function digestMail({
  date,
  timeZone,
  items,
  links,
}: {
  date: string;
  timeZone: string;
  items: readonly DigestItem[];
  links: MailLinks;
}): MailMessage {
  const groups = groupDigestItems(items);
  const day = describeLocalDate(date);
  const count = items.length === 1 ? "1 update" : `${items.length} updates`;
  const blocks: MailBlock[] = [{ type: "paragraph", text: `${count} on ${day} (times in ${timeZone}).` }];
  for (const group of groups) {
    blocks.push({ type: "heading", text: group.title });
    blocks.push({
      type: "list",
      items: group.items.map((item) => ({
        text: `${localTimeOf(item.createdAt, timeZone)} — ${item.actorName} ${NOTIFICATION_VERBS[item.type]}`,
        url: item.postUrl,
        detail: describeItem(item),
      })),
    });
  }
  return {
    subject: `Your Scholia digest for ${day}: ${count}`,
    preview: groups.map((group) => group.title).join(", "),
    heading: `Your day on Scholia: ${day}`,
    blocks,
    footer: preferenceFooter(
      "You get this digest because some notifications are set to “Daily digest” in your email settings.",
      links,
      "Unsubscribe from the daily digest",
    ),
  };
}
