import "server-only";
import type { z } from "zod";
import { toFieldErrors } from "../domain/field-errors.ts";
import type { FormState } from "../form-state.ts";
import { isAppError } from "./app-error.ts";
import { requireApiActor, type Actor } from "./auth/get-actor.ts";
import { isDatabaseUnavailable } from "./database-errors.ts";

/**
 * The edge of every form action: parse FormData with `schema` → get the actor → run `handler`.
 * Bad input and service refusals come back as a FormState with messages (never a 500); a
 * redirect thrown by the handler passes through.
 */
export async function runFormAction<Schema extends z.ZodType>(
  /** The form, or its fields already gathered (when a field repeats, e.g. checkboxes). */
  formData: FormData | Record<string, unknown>,
  schema: Schema,
  handler: (input: z.infer<Schema>, actor: Actor) => Promise<string>,
): Promise<FormState> {
  const parsed = schema.safeParse(formData instanceof FormData ? Object.fromEntries(formData) : formData);
  if (!parsed.success) {
    const fieldErrors = toFieldErrors(parsed.error);
    return { status: "error", message: Object.values(fieldErrors).flat().join(" "), fieldErrors };
  }
  try {
    const actor = await requireApiActor();
    const message = await handler(parsed.data, actor);
    return { status: "success", message, fieldErrors: {} };
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
