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
import { rotateToolKey } from "@/lib/server/lti/rotate-tool-key";
import { isOperatorRequest } from "@/lib/server/operator/operator-access";
import { SealedKeyError } from "@/lib/server/lti/tool-key-sealing";

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

export async function rotateToolKeyAction(): Promise<FormState> {
  if (!(await isOperatorRequest())) notFound();
  let activatesAt: Date;
  try {
    ({ activatesAt } = await rotateToolKey());
  } catch (error) {
    if (error instanceof SealedKeyError) return { status: "error", message: error.message, fieldErrors: {} };
    throw error;
  }
  revalidatePath("/operator/lti");
  const when = activatesAt.getTime() <= Date.now() ? "It signs from now on." : "It signs once LMSs have had time to fetch it.";
  return { status: "success", message: `A new key is published. ${when}`, fieldErrors: {} };
}
