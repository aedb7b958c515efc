import { z } from "zod";
import { toFieldErrors } from "../../domain/field-errors.ts";
import { idSchema as anIdSchema } from "../../domain/ids.ts";
import { isSaveableText, UNSAVEABLE_TEXT_MESSAGE } from "../../domain/saveable-text.ts";

// The search form's fields, shared by GET /api/search and the /search page (a plain GET form:
// an empty field arrives as "", which means "no filter").

export const SEARCH_PAGE_SIZE = 20;
/** Offset paging: past this page, refine the query instead. */
export const SEARCH_MAX_PAGE = 50;

const idSchema = anIdSchema();
const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-28.")
  // Date.parse rolls 2026-02-30 over to March: a real date survives the round trip.
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "Not a real date.");

export const ANNOTATION_KINDS = ["HIGHLIGHT", "COMMENT", "PARAGRAPH_POST", "REPLY"] as const;

export const searchQuerySchema = z.preprocess(
  (raw) =>
    raw && typeof raw === "object"
      ? Object.fromEntries(Object.entries(raw).filter(([, value]) => typeof value !== "string" || value.trim() !== ""))
      : raw,
  z
    .object({
      q: z.string().trim().max(200, "Keep the search under 200 characters.").refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE).optional(),
      author: z
        .string()
        .trim()
        .max(100, "Keep the author's name under 100 characters.")
        .refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE)
        .optional(),
      tag: z
        .string()
        .trim()
        .toLowerCase()
        .max(40, "Tags are under 40 characters.")
        .refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE)
        .optional(),
      reading: idSchema.optional(),
      paragraph: z.coerce
        .number({ error: "The paragraph is a number." })
        .int("The paragraph is a whole number.")
        .min(1, "Paragraphs start at 1.")
        .max(100_000)
        .optional(),
      kind: z.enum(ANNOTATION_KINDS, { error: "Kind is HIGHLIGHT, COMMENT, PARAGRAPH_POST or REPLY." }).optional(),
      /** A course id, or "notes" for personal notes outside any course. */
      course: z.union([z.literal("notes"), idSchema]).optional(),
      group: idSchema.optional(),
      from: dateSchema.optional(),
      to: dateSchema.optional(),
      page: z.coerce
        .number({ error: "The page is a number." })
        .int()
        .min(1, "Pages start at 1.")
        .max(SEARCH_MAX_PAGE, `Pages stop at ${SEARCH_MAX_PAGE}: narrow the search.`)
        .default(1),
    })
    .refine((query) => !query.from || !query.to || query.from <= query.to, {
      message: "The start date is after the end date.",
      path: ["to"],
    }),
);

export type SearchQuery = z.infer<typeof searchQuerySchema>;

export type SearchQueryParseResult = { ok: true; query: SearchQuery } | { ok: false; fieldErrors: Record<string, string[]> };

/** Parses URL search parameters (a repeated key keeps its first value). */
export function parseSearchParams(params: URLSearchParams | Record<string, string | string[] | undefined>): SearchQueryParseResult {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((key) => [key, params.get(key)] as const)
      : Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const);
  const parsed = searchQuerySchema.safeParse(Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== null)));
  return parsed.success ? { ok: true, query: parsed.data } : { ok: false, fieldErrors: toFieldErrors(parsed.error) };
}

/** Whether the query asks anything at all (an empty form shows the empty state, not every post). */
export function hasSearchCriteria(query: SearchQuery): boolean {
  return Boolean(
    query.q ||
    query.author ||
    query.tag ||
    query.reading ||
    query.paragraph ||
    query.kind ||
    query.course ||
    query.group ||
    query.from ||
    query.to,
  );
}
