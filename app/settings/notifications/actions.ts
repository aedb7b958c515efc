"use server";

import { revalidatePath } from "next/cache";
import { mailPreferencesInputSchema } from "@/lib/domain/mail/mail-preferences";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { updateMailPreferences } from "@/lib/server/mail/update-mail-preferences";

export async function saveMailPreferencesAction(_state: FormState, formData: FormData): Promise<FormState> {
  const fields = {
    ...Object.fromEntries(formData),
    // A checkbox that is not ticked is not sent at all.
    dueReminders: formData.get("dueReminders") === "on",
    unansweredDigest: formData.get("unansweredDigest") === "on",
  };
  return runFormAction(fields, mailPreferencesInputSchema, async (input, actor) => {
    await updateMailPreferences({ actorId: actor.id, input });
    revalidatePath("/settings/notifications");
    return "Email settings saved.";
  });
}
