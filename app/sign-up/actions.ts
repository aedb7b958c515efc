"use server";

import { headers } from "next/headers";
import { signUpSchema } from "@/lib/domain/account-rules";
import { toFieldErrors } from "@/lib/domain/field-errors";
import { signUp } from "@/lib/server/accounts/sign-up";
import { isAppError } from "@/lib/server/app-error";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { isDatabaseUnavailable } from "@/lib/server/database-errors";

export type SignUpResult = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Signs up (lib/server/accounts/sign-up.ts): the form then says "check your email", whatever the address. */
export async function signUpAction(input: { name: unknown; email: unknown; password: unknown }): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Please correct the fields marked below.", fieldErrors: toFieldErrors(parsed.error) };
  }
  try {
    await signUp({ input: parsed.data, ipAddress: clientAddressFrom(await headers()) });
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
