// PostgreSQL's text and jsonb cannot hold U+0000, though a JS string (a form field, a JSON
// string "\u0000") can: let one through and the insert fails with a 500. Free-text fields refuse
// it at the edge, with a message, like any other bad input.

import { z } from "zod";

export const UNSAVEABLE_TEXT_MESSAGE = "Remove the null character (U+0000): it cannot be saved.";

export function isSaveableText(text: string): boolean {
  return !text.includes("\u0000");
}

/**
 * A required free-text field: trimmed, not empty, at most `max` characters, saveable. `missing`
 * is said when it is absent, `empty` (by default the same) when it is only spaces.
 */
export function requiredTextSchema({ missing, empty = missing, max }: { missing: string; empty?: string; max: number }) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, empty)
    .max(max, `Use at most ${max} characters.`)
    .refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE);
}
