import { z } from "zod";
import {
  ANNOTATION_PAGE_SIZE_MAX,
  createAnnotationInputSchema,
  createReplyInputSchema,
  DEFAULT_ANNOTATION_PAGE_SIZE,
  moderationActionSchema,
  THREAD_SORTS,
  updateAnnotationInputSchema,
} from "../domain/annotation-input.ts";
import { readingPreferenceInputSchema } from "../domain/highlight-visibility.ts";
import { idSchema, ID_PATTERN } from "../domain/ids.ts";
import type { ReadingPreference } from "../server/readings/find-reading-preference.ts";
import type { AnnotationPage } from "../server/annotations/list-reading-annotations.ts";
import type { ParagraphThread } from "../server/annotations/list-paragraph-thread.ts";
import type { ThreadReplyPage } from "../server/annotations/list-thread-replies.ts";
import { REPLY_PAGE_SIZE_MAX, THREAD_PAGE_SIZE, THREAD_PAGE_SIZE_MAX } from "../domain/thread-tree.ts";
import type { ImportAnnotationsResult } from "../server/annotations/import-annotations.ts";
import type { AnnotationView } from "../server/annotations/present-annotation.ts";
import type { WebAnnotation } from "../server/annotations/to-web-annotation.ts";
import { endpoint } from "./endpoint.ts";

// The annotation endpoints the reading page calls. (The W3C container's GET and the event
// stream are read by other clients and the browser's EventSource; their routes parse their own.)

const readingParams = z.object({ id: idSchema("Reading not found.") });
const annotationParams = z.object({ id: idSchema("Annotation not found.") });
/** ?course=: the context (a course id); without it, the actor's own notes. */
const courseQuery = idSchema("course is a course id.").optional();

export const listAnnotationViews = endpoint<AnnotationPage>()({
  method: "GET",
  path: "/api/readings/:id/annotations/views",
  params: readingParams,
  query: z.object({
    course: courseQuery,
    page: z.coerce.number().int().min(1, "page starts at 1.").max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(ANNOTATION_PAGE_SIZE_MAX).default(DEFAULT_ANNOTATION_PAGE_SIZE),
    /** Comma-separated annotation ids (at most 20): fetch just these. */
    ids: z
      .string()
      .transform((ids) => ids.split(","))
      .pipe(z.array(z.string().regex(ID_PATTERN, "ids are annotation ids.")).max(20, "ids names at most 20 annotations."))
      .optional(),
    /** Only posts on paragraphs from..to: the section of a long reading on the page. */
    from: z.coerce.number().int().min(1, "from is a paragraph number.").max(1_000_000).optional(),
    to: z.coerce.number().int().min(1, "to is a paragraph number.").max(1_000_000).optional(),
  }),
});

/** One post a permanent link names (`#a-<id>`), reply or not, as the reader may see it. */
export const loadLinkedPost = endpoint<AnnotationView>()({
  method: "GET",
  path: "/api/readings/:id/annotations/views/:annotationId",
  params: z.object({ id: idSchema("Reading not found."), annotationId: idSchema("This post is not available to you.") }),
  query: z.object({ course: courseQuery }),
});

/** The reader's choices on the reading page: who new highlights are shared with, others' highlights shown. */
export const updateReadingPreference = endpoint<ReadingPreference>()({
  method: "PUT",
  path: "/api/reading-preference",
  body: readingPreferenceInputSchema,
});

/**
 * Scholia's own create shape, which names its course itself, so it goes to the reading's own
 * container (the W3C shape goes to the same path; see lib/server/annotations/annotation-container-routes.ts).
 */
export const createAnnotation = endpoint<WebAnnotation>()({
  method: "POST",
  path: "/api/readings/:id/annotations/",
  params: readingParams,
  body: createAnnotationInputSchema.omit({ readingId: true }),
});

export const updateAnnotation = endpoint<WebAnnotation>()({
  method: "PATCH",
  path: "/api/annotations/:id",
  params: annotationParams,
  body: updateAnnotationInputSchema,
});

export const deleteAnnotation = endpoint<null>()({ method: "DELETE", path: "/api/annotations/:id", params: annotationParams });

export const createReply = endpoint<WebAnnotation>()({
  method: "POST",
  path: "/api/annotations/:id/replies",
  params: annotationParams,
  body: createReplyInputSchema,
});

export const toggleUpvote = endpoint<{ hasUpvoted: boolean; upvoteCount: number }>()({
  method: "POST",
  path: "/api/annotations/:id/upvote",
  params: annotationParams,
});

export const moderateAnnotation = endpoint<AnnotationView>()({
  method: "POST",
  path: "/api/annotations/:id/moderation",
  params: annotationParams,
  body: moderationActionSchema,
});

/** Positions are PostgreSQL integers: a larger number is no paragraph, not a database error. */
const MAX_POSITION = 2_147_483_647;

const paragraphParams = z.object({
  id: idSchema("Reading not found."),
  position: z.coerce
    .number("Paragraph not found.")
    .int("Paragraph not found.")
    .min(1, "Paragraph not found.")
    .max(MAX_POSITION, "Paragraph not found."),
});

export const listParagraphThread = endpoint<ParagraphThread>()({
  method: "GET",
  path: "/api/readings/:id/paragraphs/:position/thread",
  params: paragraphParams,
  query: z.object({
    course: courseQuery,
    sort: z.enum(THREAD_SORTS, { error: "sort is position, newest or top." }).default("position"),
    /** Roots to skip: the roots already loaded ("Load more posts"); a response's nextOffset. */
    offset: z.coerce.number("offset is a number.").int("offset is a whole number.").min(0, "offset is 0 or more.").max(100_000).default(0),
    /** Roots in the page: THREAD_PAGE_SIZE, or up to THREAD_PAGE_SIZE_MAX to reload what a reader has loaded. */
    limit: z.coerce
      .number("limit is a number.")
      .int("limit is a whole number.")
      .min(1, "limit is at least 1.")
      .max(THREAD_PAGE_SIZE_MAX, `limit is at most ${THREAD_PAGE_SIZE_MAX}.`)
      .default(THREAD_PAGE_SIZE),
    /** A post a link names (`#a-<id>`): its root comes with the page, a reply with its root's replies up to it. */
    focus: idSchema("focus is a post id.").optional(),
  }),
});

/** "Show N more replies" on one root of a paragraph's discussion: its next replies after `after`. */
export const listThreadReplies = endpoint<ThreadReplyPage>()({
  method: "GET",
  path: "/api/readings/:id/paragraphs/:position/thread/replies",
  params: paragraphParams,
  query: z.object({
    course: courseQuery,
    root: idSchema("root is a post id."),
    after: idSchema("after is a reply id.").optional(),
    limit: z.coerce
      .number("limit is a number.")
      .int("limit is a whole number.")
      .min(1, "limit is at least 1.")
      .max(REPLY_PAGE_SIZE_MAX, `limit is at most ${REPLY_PAGE_SIZE_MAX}.`)
      .default(REPLY_PAGE_SIZE_MAX),
  }),
});

/** Import a Web Annotation JSON-LD file (the body, as parsed JSON) into the reading in a context. */
export const importAnnotations = endpoint<ImportAnnotationsResult>()({
  method: "POST",
  path: "/api/readings/:id/annotation-imports",
  params: readingParams,
  query: z.object({ course: courseQuery }),
  body: z.unknown(),
});
