import "server-only";
import { z } from "zod";
import { parseCommentary, plainTextToCommentary, type CommentaryDoc } from "../../domain/commentary.ts";
import { isSaveableText, UNSAVEABLE_TEXT_MESSAGE } from "../../domain/saveable-text.ts";
import { DEFAULT_TIME_ZONE, INCOMPLETE_DATE_MESSAGE, isValidTimeZone, parseLocalDateTime } from "../../domain/zoned-time.ts";
import { idSchema } from "../../domain/ids.ts";

const id = idSchema("Invalid reference.");

export const ASSIGNMENT_LIMITS = { titleMax: 200, minPostsMax: 200, groupsMax: 100 } as const;

/** A page of the reading's original (PDF): empty is none. */
const pageField = z
  .string()
  .trim()
  .max(7)
  .transform((value, context) => {
    if (value === "") return undefined;
    const page = Number(value);
    if (!Number.isInteger(page) || page < 1 || page > 100_000) {
      context.addIssue({ code: "custom", message: "Enter a page number, e.g. 5." });
      return z.NEVER;
    }
    return page;
  });

/**
 * The assignment form as FormData sends it: dates as `datetime-local` wall times in the
 * viewer's zone (a hidden field), instructions as tiptap JSON from the editor or, without
 * JavaScript, plain text from the textarea.
 */
export const assignmentFormSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "Give the assignment a title.")
      .max(ASSIGNMENT_LIMITS.titleMax, `Keep the title under ${ASSIGNMENT_LIMITS.titleMax} characters.`)
      .refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE),
    instructions: z.string().max(200_000, "The instructions are too long.").optional(),
    instructionsText: z.string().max(20_000, "The instructions are too long.").refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE).optional(),
    timeZone: z.string().optional(),
    opensAt: z.string().max(40).optional(),
    dueAt: z.string().max(40).optional(),
    minPosts: z.coerce
      .number({ error: "Enter a whole number of posts." })
      .int("Enter a whole number of posts.")
      .min(0, "The minimum cannot be negative.")
      .max(ASSIGNMENT_LIMITS.minPostsMax, `At most ${ASSIGNMENT_LIMITS.minPostsMax} posts.`),
    postFirst: z.literal("on").optional(),
    acceptsLatePosts: z.enum(["yes", "no"], { error: "Choose whether late posts are accepted." }).default("yes"),
    audience: z.enum(["class", "groups"], { error: "Choose the whole class or groups." }),
    groupIds: z.array(id).max(ASSIGNMENT_LIMITS.groupsMax).default([]),
    firstPage: pageField.optional(),
    lastPage: pageField.optional(),
  })
  .transform((form, context) => {
    const zone = form.timeZone && isValidTimeZone(form.timeZone) ? form.timeZone : DEFAULT_TIME_ZONE;
    const readDate = (value: string | undefined, path: "opensAt" | "dueAt"): Date | null => {
      if (!value || value.trim() === "") return null;
      const date = parseLocalDateTime(value, zone);
      if (!date) context.addIssue({ code: "custom", path: [path], message: INCOMPLETE_DATE_MESSAGE });
      return date;
    };
    const opensAt = readDate(form.opensAt, "opensAt");
    const dueAt = readDate(form.dueAt, "dueAt");
    if (opensAt && dueAt && dueAt.getTime() <= opensAt.getTime()) {
      context.addIssue({ code: "custom", path: ["dueAt"], message: "The due date must come after the opening date." });
    }
    let instructions: CommentaryDoc | null = null;
    if (form.instructions && form.instructions.trim() !== "") {
      let json: unknown;
      try {
        json = JSON.parse(form.instructions);
      } catch {
        json = null;
      }
      const parsed = parseCommentary(json);
      if (parsed.ok) instructions = parsed.text.trim() === "" ? null : parsed.doc;
      else context.addIssue({ code: "custom", path: ["instructions"], message: parsed.message });
    } else if (form.instructionsText && form.instructionsText.trim() !== "") {
      instructions = plainTextToCommentary(form.instructionsText);
    }
    if (form.audience === "groups" && form.groupIds.length === 0) {
      context.addIssue({ code: "custom", path: ["groupIds"], message: "Choose at least one group, or assign the whole class." });
    }
    const firstPage = form.firstPage ?? null;
    const lastPage = form.lastPage ?? null;
    if ((firstPage === null) !== (lastPage === null)) {
      const path = firstPage === null ? "firstPage" : "lastPage";
      context.addIssue({
        code: "custom",
        path: [path],
        message: "Give both the first and the last page, or neither for the whole reading.",
      });
    } else if (firstPage !== null && lastPage !== null && lastPage < firstPage) {
      context.addIssue({ code: "custom", path: ["lastPage"], message: "The last page cannot come before the first." });
    }
    return {
      title: form.title,
      instructions,
      opensAt,
      dueAt,
      minPosts: form.minPosts,
      postFirst: form.postFirst === "on",
      acceptsLatePosts: form.acceptsLatePosts === "yes",
      groupIds: form.audience === "groups" ? [...new Set(form.groupIds)] : [],
      pages: firstPage !== null && lastPage !== null ? { first: firstPage, last: lastPage } : null,
    };
  });

export type AssignmentInput = z.infer<typeof assignmentFormSchema>;

/** FormData → the object the schema reads (groupIds is a repeated field). */
export function assignmentFormFields(formData: FormData): Record<string, unknown> {
  return { ...Object.fromEntries(formData), groupIds: formData.getAll("groupIds").filter((value) => typeof value === "string") };
}
