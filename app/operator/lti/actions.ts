"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { toFieldErrors } from "@/lib/domain/field-errors";
import { idSchema } from "@/lib/domain/ids";
import { ltiPlatformInputSchema } from "@/lib/domain/lti";
import type { FormState } from "@/lib/form-state";
import { isAppError } from "@/lib/server/app-error";
import { registerLtiPlatform } from "@/lib/server/lti/register-lti-platform";
import { removeLtiPlatform } from "@/lib/server/lti/remove-lti-platform";
import { isOperatorRequest } from "@/lib/server/operator/operator-access";

export async function registerLtiPlatformAction(_state: FormState, formData: FormData): Promise<FormState> {
  if (!(await isOperatorRequest())) notFound();
  const parsed = ltiPlatformInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    // A bad item of a list (deploymentIds.2) is the list's field's error.
    const fieldErrors: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(toFieldErrors(parsed.error))) (fieldErrors[path.split(".")[0]!] ??= []).push(...messages);
    return { status: "error", message: "Check the fields marked below.", fieldErrors };
  }
  try {
    await registerLtiPlatform({ input: parsed.data });
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, fieldErrors: error.fieldErrors ?? {} };
    throw error;
  }
  revalidatePath("/operator/lti");
  return { status: "success", message: `${parsed.data.name} is registered. Launches from it work now.`, fieldErrors: {} };
}

const removeSchema = z.object({ platformId: idSchema("Not an LMS registration.") });

export async function removeLtiPlatformAction(_state: FormState, formData: FormData): Promise<FormState> {
  if (!(await isOperatorRequest())) notFound();
  const parsed = removeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: "Not an LMS registration.", fieldErrors: {} };
  try {
    await removeLtiPlatform({ platformId: parsed.data.platformId });
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, fieldErrors: {} };
    throw error;
  }
  revalidatePath("/operator/lti");
  return { status: "success", message: "Removed.", fieldErrors: {} };
}
