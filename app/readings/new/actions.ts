"use server";

import { redirect } from "next/navigation";
import { IMPORT_FORMATS } from "@/lib/domain/reading-input";
import type { ReadingFormState } from "@/lib/reading-form-state";
import { createReading } from "@/lib/server/readings/create-reading";
import { previewNewReading } from "@/lib/server/readings/preview-new-reading";
import { runReadingFormAction } from "@/lib/server/readings/reading-form-action";

export async function submitNewReadingAction(state: ReadingFormState, formData: FormData): Promise<ReadingFormState> {
  const result = await runReadingFormAction(
    state,
    formData,
    {
      preview: (input, actor) => previewNewReading({ actorId: actor.id, input }),
      save: async (input, previewDigest, actor) => `/readings/${(await createReading({ actorId: actor.id, input, previewDigest })).id}`,
    },
    { formats: IMPORT_FORMATS, acceptsFile: true },
  );
  if ("redirectTo" in result) redirect(result.redirectTo);
  return result;
}
