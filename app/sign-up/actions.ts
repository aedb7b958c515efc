"use server";

import { signUpSchema } from "@/lib/domain/account-rules";
import { toFieldErrors } from "@/lib/domain/field-errors";
import { createAccount } from "@/lib/server/accounts/create-account";
import { isAppError } from "@/lib/server/app-error";
import { isDatabaseUnavailable } from "@/lib/server/database-errors";

export type SignUpResult = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Creates the account; the form then signs in with the same credentials through next-auth. */
export async function signUpAction(input: { name: unknown; email: unknown; password: unknown }): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Please correct the fields marked below.", fieldErrors: toFieldErrors(parsed.error) };
  }
  try {
    await createAccount(parsed.data);
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message, fieldErrors: error.fieldErrors ?? {} };
    if (isDatabaseUnavailable(error)) {
      return {
        ok: false,
        message: "Scholia cannot reach its database right now. No account was created — try again in a few seconds.",
        fieldErrors: {},
      };
    }
    throw error;
  }
}
