import "server-only";
import type { ReadingPreferenceInput } from "../../domain/highlight-visibility.ts";
import { getDb } from "../db.ts";
import { findReadingPreference, type ReadingPreference } from "./find-reading-preference.ts";

/** Remembers the reader's choice of highlight visibility and of others' highlights. */
export async function updateReadingPreference({
  actorId,
  input,
}: {
  actorId: string;
  input: ReadingPreferenceInput;
}): Promise<ReadingPreference> {
  await getDb().readingPreference.upsert({ where: { userId: actorId }, create: { userId: actorId, ...input }, update: input });
  return findReadingPreference(actorId);
}
