"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { changeDisplayNameSchema, changeEmailSchema, changePasswordSchema, deleteAccountSchema } from "@/lib/domain/account-rules";
import type { FormState } from "@/lib/form-state";
import { changeDisplayName } from "@/lib/server/accounts/change-display-name";
import { changePassword } from "@/lib/server/accounts/change-password";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { requestEmailChange } from "@/lib/server/accounts/request-email-change";
import { resendEmailConfirmation } from "@/lib/server/accounts/resend-email-confirmation";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { runFormAction } from "@/lib/server/form-action";

export async function changeDisplayNameAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, changeDisplayNameSchema, async (input, actor) => {
    await changeDisplayName({ actorId: actor.id, input });
    revalidatePath("/", "layout");
    return "Name saved.";
  });
}

export async function changeEmailAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, changeEmailSchema, async (input, actor) => {
    await requestEmailChange({ actorId: actor.id, input, ipAddress: clientAddressFrom(await headers()) });
    return `We sent a link to ${input.email}. Your address changes when you follow it (within 24 hours); until then it stays ${actor.email}.`;
  });
}

export async function resendConfirmationAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({}), async (_input, actor) => {
    const { email } = await resendEmailConfirmation({ actorId: actor.id, ipAddress: clientAddressFrom(await headers()) });
    return `We sent a new confirmation link to ${email}.`;
  });
}

export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, changePasswordSchema, async (input, actor) => {
    const ended = await changePassword({ actorId: actor.id, currentSessionId: actor.sessionId, input });
    revalidatePath("/settings/sessions");
    return ended === 0
      ? "Password changed."
      : `Password changed. ${ended === 1 ? "Your other session was" : `Your ${ended} other sessions were`} signed out.`;
  });
}

export async function deleteAccountAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, deleteAccountSchema, async (input, actor) => {
    await deleteAccount({ actorId: actor.id, input });
    return { redirectTo: "/sign-in?notice=account-deleted" };
  });
}
