import "server-only";
import { DEFAULT_MAIL_PREFERENCES, type MailPreferences } from "../../domain/mail/mail-preferences.ts";
import { getDb } from "../db.ts";

/** The columns of a MailPreference row that make up MailPreferences. */
export const mailPreferencesSelect = {
  replies: true,
  mentions: true,
  answers: true,
  endorsements: true,
  dueReminders: true,
  unansweredDigest: true,
  timeZone: true,
} as const;

/** A person's email preferences: their row, or the defaults when they never changed any. */
export async function loadMailPreferences({ userId }: { userId: string }): Promise<MailPreferences> {
  const row = await getDb().mailPreference.findUnique({ where: { userId }, select: mailPreferencesSelect });
  return row ?? DEFAULT_MAIL_PREFERENCES;
}
