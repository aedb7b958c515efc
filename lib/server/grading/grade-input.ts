import { z } from "zod";
import { requiredTextSchema } from "../../domain/saveable-text.ts";

export const MAX_OVERRIDE_SCORE = 10_000;

export const gradeOverrideInputSchema = z.object({
  score: z
    .string({ error: "Enter a score." })
    .trim()
    .min(1, "Enter a score.")
    .regex(/^\d+(?:\.\d{1,2})?$/, "Enter the score as a number, like 8 or 7.5.")
    .transform(Number)
    .refine((score) => score <= MAX_OVERRIDE_SCORE, { message: `The score must be at most ${MAX_OVERRIDE_SCORE}.` }),
  comment: requiredTextSchema({
    missing: "Say why you change the score.",
    empty: "Say why you change the score: the student sees this comment.",
    max: 2000,
  }),
});
export type GradeOverrideInput = z.infer<typeof gradeOverrideInputSchema>;
