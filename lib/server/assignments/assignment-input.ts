import "server-only";
import { z } from "zod";
import { parseCommentary, plainTextToCommentary, type CommentaryDoc } from "../../domain/commentary.ts";
import { isSaveableText, UNSAVEABLE_TEXT_MESSAGE } from "../../domain/saveable-text.ts";
import { DEFAULT_TIME_ZONE, INCOMPLETE_DATE_MESSAGE, isValidTimeZone, parseLocalDateTime } from "../../domain/zoned-time.ts";
import { idSchema } from "../../domain/ids.ts";
import { checkRangeOrder, type AssignedRangeKind, type RangeChoice } from "../../domain/assigned-range.ts";

const id = idSchema("Invalid reference.");

export const ASSIGNMENT_LIMITS = { titleMax: 200, minPostsMax: 200, groupsMax: 100 } as const;

/** A page, section or paragraph number of the reading: empty is none. */
const numberField = (message: string) =>
  z
    .string()
    .trim()
    .max(7)
    .transform((value, context) => {
      if (value === "") return undefined;
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1 || number > 1_000_000) {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return number;
    });
const pageField = numberField("Enter a page number, e.g. 5.");
const sectionField = numberField("Choose a section from the list.");
const paragraphField = numberField("Choose a paragraph from the list.");

/** The form's fields for each way of choosing the assigned part. */
export const RANGE_FIELDS: Record<AssignedRangeKind, { first: string; last: string; choice: string }> = {
  PAGES: { first: "firstPage", last: "lastPage", choice: "pages" },
  SECTIONS: { first: "firstSection", last: "lastSection", choice: "sections" },
  PARAGRAPHS: { first: "firstParagraph", last: "lastParagraph", choice: "paragraphs" },
};

/** The part of the reading the form asks for; `version` is the reading's version its lists were drawn from. */
export type AssignedRangeInput = RangeChoice & { version: number | null };

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
    /** Absent (a form without the choice): pages when they are given, else the whole reading. */
    range: z.enum(["whole", "pages", "sections", "paragraphs"], { error: "Choose the whole reading or a part of it." }).optional(),
    firstPage: pageField.optional(),
    lastPage: pageField.optional(),
    firstSection: sectionField.optional(),
    lastSection: sectionField.optional(),
    firstParagraph: paragraphField.optional(),
    lastParagraph: paragraphField.optional(),
    rangeVersion: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
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
    const range = readRange(form, context);
    return {
      title: form.title,
      instructions,
      opensAt,
      dueAt,
      minPosts: form.minPosts,
      postFirst: form.postFirst === "on",
      acceptsLatePosts: form.acceptsLatePosts === "yes",
      groupIds: form.audience === "groups" ? [...new Set(form.groupIds)] : [],
      range,
    };
  });

type RangeFields = {
  range?: "whole" | "pages" | "sections" | "paragraphs";
  firstPage?: number;
  lastPage?: number;
  firstSection?: number;
  lastSection?: number;
  firstParagraph?: number;
  lastParagraph?: number;
  rangeVersion?: number;
};

/** The chosen part: both ends of the chosen kind, first ≤ last; the fields of other kinds are ignored. */
function readRange(form: RangeFields, context: z.RefinementCtx): AssignedRangeInput | null {
  const choice = form.range ?? (form.firstPage !== undefined || form.lastPage !== undefined ? "pages" : "whole");
  if (choice === "whole") return null;
  const kind = (Object.keys(RANGE_FIELDS) as AssignedRangeKind[]).find((key) => RANGE_FIELDS[key].choice === choice)!;
  const names = RANGE_FIELDS[kind];
  const first = form[names.first as keyof RangeFields] as number | undefined;
  const last = form[names.last as keyof RangeFields] as number | undefined;
  const noun = kind === "PAGES" ? "page" : kind === "SECTIONS" ? "section" : "paragraph";
  if (first === undefined || last === undefined) {
    context.addIssue({
      code: "custom",
      path: [first === undefined ? names.first : names.last],
      message: `Give both the first and the last ${noun}, or choose the whole reading.`,
    });
    return null;
  }
  const order = checkRangeOrder({ kind, first, last });
  if (order) {
    context.addIssue({ code: "custom", path: [order.field === "first" ? names.first : names.last], message: order.message });
    return null;
  }
  return { kind, first, last, version: form.rangeVersion ?? null };
}

export type AssignmentInput = z.infer<typeof assignmentFormSchema>;

/** FormData → the object the schema reads (groupIds is a repeated field). */
export function assignmentFormFields(formData: FormData): Record<string, unknown> {
  return { ...Object.fromEntries(formData), groupIds: formData.getAll("groupIds").filter((value) => typeof value === "string") };
}
