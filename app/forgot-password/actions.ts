"use server";

import { headers } from "next/headers";
import { forgotPasswordSchema } from "@/lib/domain/account-rules";
import type { FormState } from "@/lib/form-state";
import { requestPasswordReset } from "@/lib/server/accounts/request-password-reset";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { runPublicFormAction } from "@/lib/server/form-action";

export async function requestPasswordResetAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runPublicFormAction(formData, forgotPasswordSchema, async ({ email }) => {
    await requestPasswordReset({ email, ipAddress: clientAddressFrom(await headers()) });
    // The same answer whether or not an account uses this address.
    return `If an account uses ${email}, we have sent it a link to choose a new password. The link works for 30 minutes; look in your spam folder if nothing arrives.`;
  });
}
