import { z } from "zod";
import { ANNOTATION_COLORS } from "./annotation-constants.ts";
import { idSchema as anIdSchema } from "./ids.ts";
import { VISIBILITIES } from "./permissions.ts";
import { isSaveableText, UNSAVEABLE_TEXT_MESSAGE } from "./saveable-text.ts";

/** Pages of a reading's annotations (the margin, the protocol container): default and largest size. */
export const DEFAULT_ANNOTATION_PAGE_SIZE = 50;
export const ANNOTATION_PAGE_SIZE_MAX = 200;

// The fixed choices live without zod in annotation-constants.ts (the browser imports them there).
export { ANNOTATION_COLORS, THREAD_SORTS, type AnnotationColor, type ThreadSort } from "./annotation-constants.ts";

// The shapes a client may send to create or change an annotation (pages and API alike).
// Bodies are tiptap JSON checked by lib/domain/commentary.ts; ranges are checked against the
// reading's text by the service.

const idSchema = anIdSchema();

export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "A tag cannot be empty.")
  .max(40, "Keep each tag under 40 characters.")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, "Tags use letters, digits, spaces, - and _.");

export const tagsSchema = z
  .array(tagSchema)
  .max(10, "Use at most 10 tags.")
  .transform((tags) => [...new Set(tags)]);

export const visibilitySchema = z.enum(VISIBILITIES, { error: "Visibility is PRIVATE, GROUP or COURSE." });

const offsetSchema = z
  .number({ error: "Offsets are whole numbers." })
  .int("Offsets are whole numbers.")
  .min(0, "Offsets cannot be negative.");

export const rangeTargetSchema = z
  .object({ start: offsetSchema, end: offsetSchema })
  .refine((range) => range.end > range.start, { message: "A range ends after it starts.", path: ["end"] });

export const paragraphTargetSchema = z.object({
  paragraph: z.number({ error: "paragraph is a paragraph number." }).int().min(1, "Paragraphs are numbered from 1."),
});

export const createAnnotationInputSchema = z.object({
  readingId: idSchema,
  courseId: idSchema.nullable().default(null),
  kind: z.enum(["HIGHLIGHT", "COMMENT", "PARAGRAPH_POST"], { error: "kind is HIGHLIGHT, COMMENT or PARAGRAPH_POST." }),
  target: z.union([rangeTargetSchema, paragraphTargetSchema], { error: "target is {start, end} or {paragraph}." }),
  body: z.unknown().optional(),
  visibility: visibilitySchema.optional(),
  groupId: idSchema.optional(),
  tags: tagsSchema.default([]),
  color: z.enum(ANNOTATION_COLORS, { error: `color is one of ${ANNOTATION_COLORS.join(", ")}.` }).optional(),
  isQuestion: z.boolean({ error: "isQuestion is true or false." }).optional(),
  mentionedUserIds: z.array(idSchema).max(10, "Mention at most 10 people.").default([]),
});
export type CreateAnnotationInput = z.infer<typeof createAnnotationInputSchema>;

export const updateAnnotationInputSchema = z
  .object({
    body: z.unknown().optional(),
    visibility: visibilitySchema.optional(),
    tags: tagsSchema.optional(),
    color: z.enum(ANNOTATION_COLORS).optional(),
    isQuestion: z.boolean().optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), { message: "Nothing to change." });
export type UpdateAnnotationInput = z.infer<typeof updateAnnotationInputSchema>;

export const createReplyInputSchema = z.object({
  body: z.unknown(),
  mentionedUserIds: z.array(idSchema).max(10, "Mention at most 10 people.").default([]),
});

/** What instructors and TAs do to a post (POST /api/annotations/:id/moderation). */
export const moderationActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("hide"),
    reason: z
      .string()
      .trim()
      .min(1, "Give a reason: the author will see it.")
      .max(500, "Keep the reason under 500 characters.")
      .refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE),
  }),
  z.object({ action: z.literal("unhide") }),
  z.object({ action: z.literal("pin") }),
  z.object({ action: z.literal("unpin") }),
  z.object({ action: z.literal("endorse") }),
  z.object({ action: z.literal("unendorse") }),
  z.object({ action: z.literal("mark-answer") }),
  z.object({ action: z.literal("unmark-answer") }),
]);

export type ModerationAction = z.infer<typeof moderationActionSchema>;
