import { DEFAULT_LOCALE, formatAbsolute } from "../time-display.ts";
import type { MailMessage } from "./mail-markup.ts";
import { preferenceFooter, type MailLinks } from "./notification-mail.ts";

export type DueReminderInput = {
  assignmentTitle: string;
  courseTitle: string;
  readingTitle: string;
  dueAt: Date;
  timeZone: string;
  posts: number;
  required: number;
  readingUrl: string;
  links: MailLinks;
};

/** A student's reminder, a day before the due date, while below the minimum posts. */
export function dueReminderMail(input: DueReminderInput): MailMessage {
  const due = formatAbsolute(input.dueAt, { zone: input.timeZone, locale: DEFAULT_LOCALE });
  const missing = input.required - input.posts;
  const progress =
    input.posts === 0
      ? `You have not posted yet; it asks for ${input.required === 1 ? "a post" : `${input.required} posts`}.`
      : `You have ${input.posts} of ${input.required} posts: ${missing === 1 ? "one more" : `${missing} more`} to go.`;
  return {
    subject: `Due ${due}: “${input.assignmentTitle}”`,
    preview: progress,
    heading: `“${input.assignmentTitle}” is due ${due}`,
    blocks: [
      { type: "paragraph", text: `The assignment on “${input.readingTitle}” in ${input.courseTitle} is due ${due}.` },
      { type: "paragraph", text: progress },
      { type: "button", link: { label: "Open the reading", url: input.readingUrl } },
    ],
    footer: preferenceFooter(
      "You get this reminder because due-date reminders are on in your email settings.",
      input.links,
      "Unsubscribe from due-date reminders",
    ),
  };
}
