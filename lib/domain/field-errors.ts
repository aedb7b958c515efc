import type { z } from "zod";

/** zod issues → { field: [messages] }, for forms and 4xx bodies. */
export function toFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return fieldErrors;
}
