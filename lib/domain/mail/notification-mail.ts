import { NOTIFICATION_VERBS, type NotificationExcerpt, type NotificationType } from "../notification-content.ts";
import { CATEGORY_LABELS, CATEGORY_OF_NOTIFICATION } from "./mail-preferences.ts";
import { excerptOf, type MailBlock, type MailMessage } from "./mail-markup.ts";

/** Where a mail's links point and how to stop it: every notification email carries both. */
export type MailLinks = { settingsUrl: string; unsubscribeUrl: string };

/** The footer of every mail a preference sends: why it came, the settings, and its one-click unsubscribe. */
export function preferenceFooter(reason: string, links: MailLinks, unsubscribeLabel: string): MailMessage["footer"] {
  return {
    reason,
    links: [
      { label: "Email settings", url: links.settingsUrl },
      { label: unsubscribeLabel, url: links.unsubscribeUrl },
    ],
  };
}

export type NotificationMailInput = {
  type: NotificationType;
  actorName: string;
  readingTitle: string;
  courseTitle: string | null;
  /** Absolute URL of the post in its discussion. */
  postUrl: string;
  /** Only what the recipient may read now (deleted or unreadable posts send nothing at all). */
  excerpt: Extract<NotificationExcerpt, { kind: "text" | "locked" | "hidden" }>;
  links: MailLinks;
};

/** The post's text, or why there is none, as mail blocks. */
export function excerptBlocks(excerpt: NotificationMailInput["excerpt"]): MailBlock[] {
  switch (excerpt.kind) {
    case "text":
      return excerpt.text.trim() ? [{ type: "quote", text: excerptOf(excerpt.text) }] : [];
    case "locked":
      return [{ type: "paragraph", text: "This assignment asks you to post first: post on that paragraph to read the discussion." }];
    case "hidden":
      return [{ type: "paragraph", text: "An instructor has hidden this post." }];
  }
}

export function whereText(readingTitle: string, courseTitle: string | null): string {
  return courseTitle ? `“${readingTitle}” in ${courseTitle}` : `“${readingTitle}”`;
}

/** One notification, sent as it happens. */
export function notificationMail(input: NotificationMailInput): MailMessage {
  const verb = NOTIFICATION_VERBS[input.type];
  const line = `${input.actorName} ${verb} on ${whereText(input.readingTitle, input.courseTitle)}.`;
  const category = CATEGORY_LABELS[CATEGORY_OF_NOTIFICATION[input.type]].label;
  return {
    subject: `${input.actorName} ${verb} on “${input.readingTitle}”`,
    preview: input.excerpt.kind === "text" ? excerptOf(input.excerpt.text, 120) : line,
    heading: `${input.actorName} ${verb}`,
    blocks: [
      { type: "paragraph", text: line },
      ...excerptBlocks(input.excerpt),
      { type: "button", link: { label: "Open the discussion", url: input.postUrl } },
    ],
    footer: preferenceFooter(
      `You get this email because “${category}” is set to “Instantly” in your email settings.`,
      input.links,
      "Unsubscribe from these emails",
    ),
  };
}
