import "server-only";
import { canCreateReading } from "../../domain/reading-access.ts";
import type { ReadingPreview } from "../../reading-form-state.ts";
import { AppError } from "../app-error.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { prepareReadingText, type ReadingTextInput } from "./prepare-reading-text.ts";

/** What a new reading would look like (title and paragraphs), saving nothing. Instructors only. */
export async function previewNewReading({ actorId, input }: { actorId: string; input: ReadingTextInput }): Promise<ReadingPreview> {
  if (!canCreateReading(await loadActorContext(actorId))) throw onlyInstructors();
  const prepared = prepareReadingText(input);
  return {
    title: prepared.title,
    paragraphs: prepared.imported.paragraphs.map(({ position, text }) => ({ position, text })),
    digest: prepared.digest,
    changes: null,
  };
}

export function onlyInstructors(): AppError {
  return new AppError("FORBIDDEN", "Only instructors add readings: create a course (My courses) to become one.");
}
