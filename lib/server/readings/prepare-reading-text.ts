import "server-only";
import { MAX_TITLE_LENGTH } from "../../domain/reading-import.ts";
import { createHash } from "node:crypto";
import { importReadingInput, type ReadingFormat } from "../../domain/reading-input.ts";
import { ReadingImportError, type ImportedReading } from "../../domain/reading-import.ts";
import { isSaveableText, UNSAVEABLE_TEXT_MESSAGE } from "../../domain/saveable-text.ts";
import { AppError } from "../app-error.ts";

export type ReadingTextInput = { title: string; format: ReadingFormat; text: string };

export type PreparedReading = { title: string; imported: ImportedReading; digest: string };

/**
 * Imports the text of a reading form and settles its title (the one typed, else the text's own).
 * Refusals are VALIDATION errors on the field concerned; the digest names this exact input so a
 * save can check it is what the instructor previewed.
 */
export function prepareReadingText(input: ReadingTextInput): PreparedReading {
  let imported: ImportedReading;
  try {
    imported = importReadingInput(input.text, input.format);
  } catch (error) {
    if (error instanceof ReadingImportError) throw new AppError("VALIDATION", error.message, { fieldErrors: { text: [error.message] } });
    throw error;
  }
  const title = (input.title.trim() || imported.title || "").replace(/\s+/g, " ");
  if (title === "") {
    const message = "Give the reading a title: the text does not start with one.";
    throw new AppError("VALIDATION", message, { fieldErrors: { title: [message] } });
  }
  if (!isSaveableText(title)) {
    // Refused in the preview already, so that what the preview shows can be saved.
    throw new AppError("VALIDATION", UNSAVEABLE_TEXT_MESSAGE, { fieldErrors: { title: [UNSAVEABLE_TEXT_MESSAGE] } });
  }
  if (title.length > MAX_TITLE_LENGTH) {
    const message = `The title is at most ${MAX_TITLE_LENGTH} characters.`;
    throw new AppError("VALIDATION", message, { fieldErrors: { title: [message] } });
  }
  const digest = createHash("sha256")
    .update(JSON.stringify([input.format, title, imported.canonicalText]))
    .digest("hex")
    .slice(0, 32);
  return { title, imported, digest };
}

/** A save of something other than what was previewed (edited after the preview, or no preview). */
export function previewOutdated(): AppError {
  return new AppError("CONFLICT", "The text changed since the preview. Check the new preview below, then save.");
}
