"use server";

import { redirect } from "next/navigation";
import type { ReadingFormState } from "@/lib/reading-form-state";
import { AppError } from "@/lib/server/app-error";
import { editReadingText } from "@/lib/server/readings/edit-reading-text";
import { previewReadingEdit } from "@/lib/server/readings/preview-reading-edit";
import { runReadingFormAction } from "@/lib/server/readings/reading-form-action";
import { idSchema } from "@/lib/domain/ids";

const readingIdSchema = idSchema();

export async function submitReadingEditAction(readingId: string, state: ReadingFormState, formData: FormData): Promise<ReadingFormState> {
  const id = readingIdSchema.safeParse(readingId);
  const result = await runReadingFormAction(
    state,
    formData,
    {
      preview: (input, actor) => {
        if (!id.success) throw new AppError("NOT_FOUND", "Reading not found.");
        return previewReadingEdit({ actorId: actor.id, readingId: id.data, input });
      },
      save: async (input, previewDigest, actor) => {
        if (!id.success) throw new AppError("NOT_FOUND", "Reading not found.");
        const saved = await editReadingText({ actorId: actor.id, readingId: id.data, input, previewDigest });
        return `/readings/${saved.readingId}`;
      },
    },
    { formats: ["paragraphs"], acceptsFile: false },
  );
  if ("redirectTo" in result) redirect(result.redirectTo);
  return result;
}
