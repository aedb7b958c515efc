import { z } from "zod";
import type { NotificationType } from "../notification-content.ts";
import { isValidTimeZone } from "../zoned-time.ts";

// What each person hears of by email, and how soon. Stored per person (MailPreference); a person
// with no row has the defaults below. The same map decides the settings page, the sending of
// each notification (at send time, so a change applies to mail already queued) and the digests.

export type MailFrequency = "INSTANT" | "DAILY" | "OFF";
export const MAIL_FREQUENCIES = ["INSTANT", "DAILY", "OFF"] as const satisfies readonly MailFrequency[];

/** The settings one can choose per kind of event. */
export type NotificationCategory = "replies" | "mentions" | "answers" | "endorsements";
export const NOTIFICATION_CATEGORIES = [
  "replies",
  "mentions",
  "answers",
  "endorsements",
] as const satisfies readonly NotificationCategory[];

export type MailPreferences = Record<NotificationCategory, MailFrequency> & {
  dueReminders: boolean;
  unansweredDigest: boolean;
  /** IANA zone; null until the person's browser has reported one. */
  timeZone: string | null;
};

/**
 * Defaults: what someone waits for (a reply, a mention, an answer) arrives at once; an
 * endorsement is good news that can wait for the daily digest. Reminders and the instructors'
 * morning list of unanswered questions are on.
 */
export const DEFAULT_MAIL_PREFERENCES: MailPreferences = {
  replies: "INSTANT",
  mentions: "INSTANT",
  answers: "INSTANT",
  endorsements: "DAILY",
  dueReminders: true,
  unansweredDigest: true,
  timeZone: null,
};

export const CATEGORY_OF_NOTIFICATION = {
  REPLY: "replies",
  MENTION: "mentions",
  ANSWERED: "answers",
  QUESTION_ANSWERED: "answers",
  ENDORSED: "endorsements",
} as const satisfies Record<NotificationType, NotificationCategory>;

/** How soon a notification of this type is emailed to someone with these preferences. */
export function frequencyFor(preferences: MailPreferences, type: NotificationType): MailFrequency {
  return preferences[CATEGORY_OF_NOTIFICATION[type]];
}

/** The labels people see, on the settings page and in emails. */
export const CATEGORY_LABELS: Record<NotificationCategory, { label: string; hint: string }> = {
  replies: { label: "Replies to my posts", hint: "Someone answers something you wrote." },
  mentions: { label: "Mentions", hint: "Someone names you in a post." },
  answers: { label: "Answers", hint: "A reply to your question is marked as its answer, or your own reply is." },
  endorsements: { label: "Endorsements", hint: "An instructor endorses your post." },
};

export const FREQUENCY_LABELS: Record<MailFrequency, string> = {
  INSTANT: "Instantly",
  DAILY: "Daily digest",
  OFF: "Off",
};

/**
 * What a one-click unsubscribe (RFC 8058) turns off: one notification category, the daily
 * digest (every category set to DAILY becomes OFF), due-date reminders, or the instructors'
 * unanswered-questions digest.
 */
export type MailSubscription = NotificationCategory | "digest" | "dueReminders" | "unansweredDigest";
export const MAIL_SUBSCRIPTIONS = [
  ...NOTIFICATION_CATEGORIES,
  "digest",
  "dueReminders",
  "unansweredDigest",
] as const satisfies readonly MailSubscription[];

export function isMailSubscription(value: string): value is MailSubscription {
  return (MAIL_SUBSCRIPTIONS as readonly string[]).includes(value);
}

/** The preferences after unsubscribing from one subscription: only what changes. */
export function unsubscribeChanges(preferences: MailPreferences, subscription: MailSubscription): Partial<MailPreferences> {
  switch (subscription) {
    case "dueReminders":
      return { dueReminders: false };
    case "unansweredDigest":
      return { unansweredDigest: false };
    case "digest":
      return Object.fromEntries(
        NOTIFICATION_CATEGORIES.filter((category) => preferences[category] === "DAILY").map((category) => [category, "OFF"]),
      );
    default:
      return { [subscription]: "OFF" };
  }
}

/** What one unsubscribe link stops, in words (the confirmation page and its answer). */
export function describeSubscription(subscription: MailSubscription): string {
  switch (subscription) {
    case "digest":
      return "the daily digest";
    case "dueReminders":
      return "due-date reminders";
    case "unansweredDigest":
      return "the daily list of unanswered questions";
    default:
      return `emails about ${CATEGORY_LABELS[subscription].label.toLowerCase()}`;
  }
}

const frequencySchema = z.enum(MAIL_FREQUENCIES, { error: "Choose instantly, daily digest or off." });

export const mailPreferencesInputSchema = z.object({
  replies: frequencySchema,
  mentions: frequencySchema,
  answers: frequencySchema,
  endorsements: frequencySchema,
  dueReminders: z.boolean(),
  unansweredDigest: z.boolean(),
  timeZone: z.string({ error: "Choose your time zone." }).refine(isValidTimeZone, "Choose a time zone from the list."),
});
export type MailPreferencesInput = z.infer<typeof mailPreferencesInputSchema>;
