import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { toFieldErrors } from "../domain/field-errors.ts";
import type { FormState } from "../form-state.ts";
import { isAppError } from "./app-error.ts";
import { requireApiActor, type Actor } from "./auth/get-actor.ts";
import { isDatabaseUnavailable } from "./database-errors.ts";
import { chargeWriteQuota } from "./quotas/charge-write-quota.ts";

/** What a form action's handler answers: the message to show, or where to go next. */
export type FormActionOutcome = string | { redirectTo: string };

/**
 * The edge of every form action: parse FormData with `schema` → get the actor → count the write
 * (chargeWriteQuota) → run `handler`.
 * Bad input and service refusals come back as a FormState with messages (never a 500). A
 * handler that answers `{ redirectTo }` sends the browser there once it has succeeded (the
 * redirect is thrown outside the error mapping, as Next requires).
 */
export async function runFormAction<Schema extends z.ZodType>(
  /** The form, or its fields already gathered (when a field repeats, e.g. checkboxes). */
  formData: FormData | Record<string, unknown>,
  schema: Schema,
  handler: (input: z.infer<Schema>, actor: Actor) => Promise<FormActionOutcome>,
): Promise<FormState> {
  const outcome = await runHandler(formData, schema, async (input) => {
    const actor = await requireApiActor();
    await chargeWriteQuota({ userId: actor.id });
    return handler(input, actor);
  });
  if (typeof outcome === "object" && "redirectTo" in outcome) redirect(outcome.redirectTo);
  return outcome;
}

/**
 * The same edge for the few forms anyone may send without signing in (forgot password, reset
 * password): parse → run `handler`, refusals and bad input as form state.
 */
export async function runPublicFormAction<Schema extends z.ZodType>(
  formData: FormData | Record<string, unknown>,
  schema: Schema,
  handler: (input: z.infer<Schema>) => Promise<FormActionOutcome>,
): Promise<FormState> {
  const outcome = await runHandler(formData, schema, handler);
  if (typeof outcome === "object" && "redirectTo" in outcome) redirect(outcome.redirectTo);
  return outcome;
}

async function runHandler<Schema extends z.ZodType>(
  formData: FormData | Record<string, unknown>,
  schema: Schema,
  handler: (input: z.infer<Schema>) => Promise<FormActionOutcome>,
): Promise<FormState | { redirectTo: string }> {
  const parsed = schema.safeParse(formData instanceof FormData ? Object.fromEntries(formData) : formData);
  if (!parsed.success) {
    const fieldErrors = toFieldErrors(parsed.error);
    return { status: "error", message: Object.values(fieldErrors).flat().join(" "), fieldErrors };
  }
  try {
    const outcome = await handler(parsed.data);
    return typeof outcome === "string" ? { status: "success", message: outcome, fieldErrors: {} } : outcome;
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, fieldErrors: error.fieldErrors ?? {} };
    if (isDatabaseUnavailable(error)) {
      return {
        status: "error",
        message: "Scholia cannot reach its database right now. Nothing was saved — try again in a few seconds.",
        fieldErrors: {},
      };
    }
    throw error;
  }
}
