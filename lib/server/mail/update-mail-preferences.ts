import "server-only";
import type { MailPreferencesInput } from "../../domain/mail/mail-preferences.ts";
import { getDb } from "../db.ts";

/** Saves the actor's email preferences (their own only: the actor is the row). */
export async function updateMailPreferences({ actorId, input }: { actorId: string; input: MailPreferencesInput }): Promise<void> {
  await getDb().mailPreference.upsert({ where: { userId: actorId }, create: { userId: actorId, ...input }, update: input });
}
