"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { retryReadingImport } from "@/lib/server/readings/import/retry-reading-import";
import { saveReadingImport } from "@/lib/server/readings/import/save-reading-import";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid import.");
const saveSchema = z.object({
  importId: idSchema,
  title: z.string().max(2_000, "The title is at most 240 characters.").default(""),
  digest: z.string().max(128).default(""),
});

/** Saves the previewed import as a reading and opens it; a changed import shows its new preview. */
export async function saveImportAction(_state: FormState, formData: FormData): Promise<FormState> {
  const saved: { readingId?: string } = {};
  const state = await runFormAction(formData, saveSchema, async ({ importId, title, digest }, actor) => {
    try {
      saved.readingId = (await saveReadingImport({ actorId: actor.id, importId, title, previewDigest: digest })).readingId;
      return "Saved.";
    } finally {
      // A refused save may have refreshed the preview: the page shows the new one.
      revalidatePath(`/readings/imports/${importId}`);
    }
  });
  if (saved.readingId) redirect(`/readings/${saved.readingId}`);
  return state;
}

/** Runs a failed (interrupted) import again. */
export async function retryImportAction(formData: FormData): Promise<void> {
  // Called by hand with anything at all, it does nothing.
  if (!(formData instanceof FormData)) return;
  const parsed = idSchema.safeParse(formData.get("importId"));
  if (!parsed.success) return;
  await runFormAction({ importId: parsed.data }, z.object({ importId: idSchema }), async ({ importId }, actor) => {
    await retryReadingImport({ actorId: actor.id, importId });
    return "Started again.";
  });
  redirect(`/readings/imports/${parsed.data}`);
}
