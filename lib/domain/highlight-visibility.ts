import { z } from "zod";
import { visibilitySchema } from "./annotation-input.ts";
import type { Visibility } from "./permissions.ts";

// Who sees a new highlight (#13.2). Highlights are a reader's own marks first: "Only me" unless
// the reader chose otherwise, and their choice is remembered (a server-side preference, so it
// follows them across browsers and the page renders it without a flash). The toolbar offers what
// the context allows; staff post to the whole course or keep it to themselves (a group highlight
// by staff would need a group chosen in the composer, which a highlight does not open).

/** What a highlight is shared with when the reader never chose. */
export const DEFAULT_HIGHLIGHT_VISIBILITY: Visibility = "PRIVATE";

/** The toolbar's choices for a new highlight, from what the context allows (allowedVisibilities). */
export function highlightVisibilityOptions(allowed: readonly Visibility[], isStaff: boolean): Visibility[] {
  return allowed.filter((visibility) => !(isStaff && visibility === "GROUP"));
}

/** The reader's remembered choice where this context allows it, else "Only me". */
export function highlightVisibilityIn(preference: Visibility | null, options: readonly Visibility[]): Visibility {
  return preference !== null && options.includes(preference) ? preference : DEFAULT_HIGHLIGHT_VISIBILITY;
}

/** A change to the reader's reading-page choices: one or both of them. */
export const readingPreferenceInputSchema = z
  .object({
    highlightVisibility: visibilitySchema.optional(),
    showOthersHighlights: z.boolean("showOthersHighlights is true or false.").optional(),
  })
  .strict()
  .refine((input) => input.highlightVisibility !== undefined || input.showOthersHighlights !== undefined, {
    message: "Say what to change: highlightVisibility or showOthersHighlights.",
  });
export type ReadingPreferenceInput = z.infer<typeof readingPreferenceInputSchema>;
