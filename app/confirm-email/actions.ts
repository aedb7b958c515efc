"use server";

import { z } from "zod";
import { accountLinkTokenSchema } from "@/lib/domain/account-rules";
import type { FormState } from "@/lib/form-state";
import { confirmEmail } from "@/lib/server/accounts/confirm-email";
import { runPublicFormAction } from "@/lib/server/form-action";

const confirmEmailSchema = z.object({ token: accountLinkTokenSchema });

export async function confirmEmailAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runPublicFormAction(formData, confirmEmailSchema, async ({ token }) => {
    const { kind } = await confirmEmail({ token });
    return { redirectTo: `/confirm-email?done=${kind}` };
  });
}
