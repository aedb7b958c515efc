import "server-only";
import { isValidTimeZone } from "../../domain/zoned-time.ts";
import { getDb } from "../db.ts";

/**
 * Keeps the zone a person's browser reports (at sign-in) for timing their digests and reminders,
 * unless they already have one (reported before, or chosen in their email settings).
 */
export async function rememberMailTimeZone({ userId, timeZone }: { userId: string; timeZone: string | null }): Promise<void> {
  if (!timeZone || !isValidTimeZone(timeZone)) return;
  await getDb().$executeRaw`
    INSERT INTO "MailPreference" ("userId", "timeZone", "updatedAt") VALUES (${userId}, ${timeZone}, now())
    ON CONFLICT ("userId") DO UPDATE SET "timeZone" = EXCLUDED."timeZone", "updatedAt" = now()
    WHERE "MailPreference"."timeZone" IS NULL`;
}
