"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { isAppError } from "@/lib/server/app-error";
import { retryMailDelivery } from "@/lib/server/operator/retry-mail-delivery";
import { isOperatorRequest } from "@/lib/server/operator/operator-access";

const retrySchema = z.object({ id: z.string().regex(/^(?:all|[A-Za-z0-9_-]{1,64})$/) });

export async function retryMailAction(_state: FormState, formData: FormData): Promise<FormState> {
  if (!(await isOperatorRequest())) notFound();
  const parsed = retrySchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: "Not an email.", fieldErrors: {} };
  try {
    const count = await retryMailDelivery({ deliveryId: parsed.data.id });
    revalidatePath("/operator");
    return { status: "success", message: count === 1 ? "Queued again." : `${count} emails queued again.`, fieldErrors: {} };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, fieldErrors: {} };
    throw error;
  }
}
