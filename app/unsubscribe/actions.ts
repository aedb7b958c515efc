"use server";

import { z } from "zod";
import { describeSubscription } from "@/lib/domain/mail/mail-preferences";
import type { FormState } from "@/lib/form-state";
import { isAppError } from "@/lib/server/app-error";
import { isDatabaseUnavailable } from "@/lib/server/database-errors";
import { getMailSettings } from "@/lib/server/mail/mail-settings";
import { unsubscribe } from "@/lib/server/mail/unsubscribe";

const unsubscribeSchema = z.object({ token: z.string().max(200) });

/** The footer link's confirmation: no session needed, the signed token says who and what. */
export async function unsubscribeAction(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = unsubscribeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: "This unsubscribe link is not valid.", fieldErrors: {} };
  try {
    const { subscription } = await unsubscribe({ secret: getMailSettings().secret, token: parsed.data.token });
    return { status: "success", message: `Done: you will no longer get ${describeSubscription(subscription)}.`, fieldErrors: {} };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, fieldErrors: {} };
    if (isDatabaseUnavailable(error)) {
      return {
        status: "error",
        message: "Scholia cannot reach its database right now. Nothing changed — try again in a few seconds.",
        fieldErrors: {},
      };
    }
    throw error;
  }
}
