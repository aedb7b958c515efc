"use server";

import { z } from "zod";
import { describeSubscription } from "@/lib/domain/mail/mail-preferences";
import type { FormState } from "@/lib/form-state";
import { runPublicFormAction } from "@/lib/server/form-action";
import { getMailSettings } from "@/lib/server/mail/mail-settings";
import { unsubscribe } from "@/lib/server/mail/unsubscribe";

const INVALID_LINK = "This unsubscribe link is not valid.";
const unsubscribeSchema = z.object({ token: z.string({ error: INVALID_LINK }).max(200, INVALID_LINK) });

/** The footer link's confirmation: no session needed, the signed token says who and what. */
export async function unsubscribeAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runPublicFormAction(formData, unsubscribeSchema, async ({ token }) => {
    const { subscription } = await unsubscribe({ secret: getMailSettings().secret, token });
    return `Done: you will no longer get ${describeSubscription(subscription)}.`;
  });
}
