import "server-only";
import { z } from "zod";
import { decodeReadingText, ReadingImportError } from "../../domain/reading-import.ts";
import {
  MAX_READING_BYTES,
  MAX_READING_SIZE_LABEL,
  READING_FORMATS,
  readingFormatFromFileName,
  type ReadingFormat,
} from "../../domain/reading-input.ts";
import type { ReadingFormState, ReadingPreview } from "../../reading-form-state.ts";
import { AppError, isAppError } from "../app-error.ts";
import { requireApiActor, type Actor } from "../auth/get-actor.ts";
import { isDatabaseUnavailable } from "../database-errors.ts";
import { chargeWriteQuota } from "../quotas/charge-write-quota.ts";

// Generous bounds for the raw fields, only so that no request is unbounded: the real limits are
// checked afterwards with their own messages (the title's MAX_TITLE_LENGTH by
// prepare-reading-text.ts, the text's MAX_READING_BYTES by the importer).
const readingFormSchema = z.object({
  intent: z.enum(["preview", "save"]).catch("preview"),
  title: z.string().max(2_000, "The title is far too long.").default(""),
  format: z.enum(READING_FORMATS).catch("text"),
  text: z
    .string()
    .max(4 * MAX_READING_BYTES, `The text is over ${MAX_READING_SIZE_LABEL}.`)
    .default(""),
  digest: z.string().max(128).default(""),
});

export type ReadingFormInput = { title: string; format: ReadingFormat; text: string };

type Handlers = {
  preview: (input: ReadingFormInput, actor: Actor) => Promise<ReadingPreview>;
  /** Saves; returns where to go next. */
  save: (input: ReadingFormInput, previewDigest: string | null, actor: Actor) => Promise<string>;
};

/**
 * The edge of the add-a-reading and edit-a-reading forms: FormData (text, or a .txt/.md file
 * that replaces it) → actor → preview or save. Every refusal comes back with what was typed
 * (the file's text when one was read) and never as a 500. A save of text that differs from its
 * preview answers with the new preview instead. Returns the state, or the path to redirect to.
 */
export async function runReadingFormAction(
  state: ReadingFormState,
  formData: FormData,
  handlers: Handlers,
  options: { formats: readonly ReadingFormat[]; acceptsFile: boolean },
): Promise<ReadingFormState | { redirectTo: string }> {
  const raw = Object.fromEntries([...formData.entries()].filter(([, value]) => typeof value === "string"));
  const parsed = readingFormSchema.safeParse(raw);
  const fallbackValues = {
    title: typeof raw.title === "string" ? raw.title.slice(0, 2_000) : "",
    format: typeof raw.format === "string" ? raw.format : "text",
    text: typeof raw.text === "string" ? raw.text : "",
  };
  const revision = state.revision + 1;
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => issue.message).join(" ");
    return { status: "error", message, fieldErrors: { text: [message] }, values: fallbackValues, preview: null, revision };
  }
  const format = options.formats.includes(parsed.data.format) ? parsed.data.format : options.formats[0]!;
  const values = { title: parsed.data.title, format, text: parsed.data.text };
  let intent = parsed.data.intent;
  try {
    const actor = await requireApiActor();
    // A preview parses and checks a whole text: it is counted like the save it leads to.
    await chargeWriteQuota({ userId: actor.id });
    const file = formData.get("file");
    if (options.acceptsFile && file instanceof File && file.size > 0) {
      const fromFile = await readUploadedFile(file);
      values.text = fromFile.text;
      values.format = fromFile.format;
      // A file is always shown before it is saved.
      intent = "preview";
    }
    if (intent === "save") {
      try {
        return { redirectTo: await handlers.save(values, parsed.data.digest || null, actor) };
      } catch (error) {
        if (!(isAppError(error) && error.code === "CONFLICT")) throw error;
        const preview = await handlers.preview(values, actor);
        return {
          status: "error",
          message: error.message,
          fieldErrors: {},
          values: { ...values, title: values.title || preview.title },
          preview,
          revision,
        };
      }
    }
    const preview = await handlers.preview(values, actor);
    const count = preview.paragraphs.length;
    return {
      status: "success",
      message: `Preview ready: ${count} ${count === 1 ? "paragraph" : "paragraphs"}. Check them below, then save.`,
      fieldErrors: {},
      values: { ...values, title: values.title || preview.title },
      preview,
      revision,
    };
  } catch (error) {
    if (isAppError(error))
      return { status: "error", message: error.message, fieldErrors: error.fieldErrors ?? {}, values, preview: null, revision };
    if (isDatabaseUnavailable(error)) {
      return {
        status: "error",
        message: "Scholia cannot reach its database right now. Nothing was saved — try again in a few seconds.",
        fieldErrors: {},
        values,
        preview: null,
        revision,
      };
    }
    throw error;
  }
}

async function readUploadedFile(file: File): Promise<{ text: string; format: ReadingFormat }> {
  const fileError = (message: string) => new AppError("VALIDATION", message, { fieldErrors: { file: [message] } });
  const format = readingFormatFromFileName(file.name);
  if (format === null) throw fileError(`“${file.name}” is not a .txt or .md file. Upload plain text or Markdown.`);
  if (file.size > MAX_READING_BYTES) {
    throw fileError(
      `“${file.name}” is ${Math.ceil(file.size / 1024)} KiB; a reading can be at most ${MAX_READING_SIZE_LABEL}. Split it into several readings.`,
    );
  }
  try {
    return { text: decodeReadingText(new Uint8Array(await file.arrayBuffer())), format };
  } catch (error) {
    if (error instanceof ReadingImportError) throw fileError(`“${file.name}”: ${error.message}`);
    throw error;
  }
}
