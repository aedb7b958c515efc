import { z } from "zod";
import { isSaveableText, UNSAVEABLE_TEXT_MESSAGE } from "../../domain/saveable-text.ts";

export const groupNameSchema = z
  .string({ error: "Enter a group name." })
  .trim()
  .min(1, "Enter a group name.")
  .max(60, "Use at most 60 characters.")
  .refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE);

export const GROUP_NAME_TAKEN = "This course already has a group with that name.";
