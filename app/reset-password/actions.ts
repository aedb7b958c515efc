"use server";

import { resetPasswordSchema } from "@/lib/domain/account-rules";
import type { FormState } from "@/lib/form-state";
import { resetPassword } from "@/lib/server/accounts/reset-password";
import { runPublicFormAction } from "@/lib/server/form-action";

export async function resetPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runPublicFormAction(formData, resetPasswordSchema, async ({ token, password }) => {
    await resetPassword({ token, password });
    return { redirectTo: "/sign-in?notice=password-reset" };
  });
}
