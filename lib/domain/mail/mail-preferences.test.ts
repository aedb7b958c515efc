import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAIL_PREFERENCES,
  describeSubscription,
  frequencyFor,
  isMailSubscription,
  mailPreferencesInputSchema,
  unsubscribeChanges,
} from "./mail-preferences.ts";

describe("mail preferences", () => {
  it("[PREFERENCES] by default replies, mentions and answers arrive at once, endorsements in the daily digest", () => {
    expect(frequencyFor(DEFAULT_MAIL_PREFERENCES, "REPLY")).toBe("INSTANT");
    expect(frequencyFor(DEFAULT_MAIL_PREFERENCES, "MENTION")).toBe("INSTANT");
    expect(frequencyFor(DEFAULT_MAIL_PREFERENCES, "ANSWERED")).toBe("INSTANT");
    expect(frequencyFor(DEFAULT_MAIL_PREFERENCES, "ENDORSED")).toBe("DAILY");
    expect(DEFAULT_MAIL_PREFERENCES.dueReminders).toBe(true);
    expect(DEFAULT_MAIL_PREFERENCES.unansweredDigest).toBe(true);
  });

  it("[UNSUBSCRIBE] unsubscribing from one kind turns off that kind only", () => {
    expect(unsubscribeChanges(DEFAULT_MAIL_PREFERENCES, "replies")).toEqual({ replies: "OFF" });
    expect(unsubscribeChanges(DEFAULT_MAIL_PREFERENCES, "dueReminders")).toEqual({ dueReminders: false });
    expect(unsubscribeChanges(DEFAULT_MAIL_PREFERENCES, "unansweredDigest")).toEqual({ unansweredDigest: false });
  });

  it("[UNSUBSCRIBE] unsubscribing from the digest turns off every kind gathered in it, and leaves instant ones alone", () => {
    const preferences = { ...DEFAULT_MAIL_PREFERENCES, mentions: "DAILY" as const };
    expect(unsubscribeChanges(preferences, "digest")).toEqual({ mentions: "OFF", endorsements: "OFF" });
  });

  it("[UNSUBSCRIBE] only known subscriptions are accepted from a link", () => {
    expect(isMailSubscription("replies")).toBe(true);
    expect(isMailSubscription("digest")).toBe(true);
    expect(isMailSubscription("constructor")).toBe(false);
    expect(isMailSubscription("")).toBe(false);
    expect(describeSubscription("digest")).toBe("the daily digest");
    expect(describeSubscription("mentions")).toBe("emails about mentions");
  });

  it("[PREFERENCES] the settings form needs a frequency for each kind and a real time zone", () => {
    const valid = {
      replies: "INSTANT",
      mentions: "DAILY",
      answers: "OFF",
      endorsements: "DAILY",
      dueReminders: true,
      unansweredDigest: false,
      timeZone: "Europe/Paris",
    };
    expect(mailPreferencesInputSchema.safeParse(valid).success).toBe(true);
    expect(mailPreferencesInputSchema.safeParse({ ...valid, replies: "HOURLY" }).success).toBe(false);
    expect(mailPreferencesInputSchema.safeParse({ ...valid, timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(mailPreferencesInputSchema.safeParse({ ...valid, timeZone: undefined }).success).toBe(false);
  });
});
