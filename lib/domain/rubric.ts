import { z } from "zod";
import type { Criterion } from "./grading.ts";

// The rubric of an assignment as stored (RubricCriterion rows) and as an instructor edits it.
// The five kinds and their wording live here so the rubric form, the grades page, the student's
// breakdown and the CSV header say the same thing.

export const RUBRIC_KINDS = ["MIN_POSTS_BEFORE_DUE", "QUOTES_TEXT", "REPLIES_TO_CLASSMATE", "ASKS_QUESTION", "MIN_WORDS"] as const;
export type RubricKind = (typeof RUBRIC_KINDS)[number];

/** The kinds whose criterion needs a number (posts or words) beside its points. */
export const KINDS_WITH_THRESHOLD: ReadonlySet<RubricKind> = new Set(["MIN_POSTS_BEFORE_DUE", "MIN_WORDS"]);

export const RUBRIC_KIND_LABEL: Record<RubricKind, string> = {
  MIN_POSTS_BEFORE_DUE: "Minimum posts before the due date",
  QUOTES_TEXT: "Quotes the text (comments on a passage)",
  REPLIES_TO_CLASSMATE: "Replies to a classmate",
  ASKS_QUESTION: "Asks a question",
  MIN_WORDS: "Minimum words written",
};

export const THRESHOLD_LABEL: Partial<Record<RubricKind, string>> = {
  MIN_POSTS_BEFORE_DUE: "Posts needed",
  MIN_WORDS: "Words needed",
};

/**
 * What a criterion's number starts at in the rubric form: the minimum-posts criterion follows the
 * assignment's own minimum (one post when it has none), words start at 150.
 */
export function defaultThreshold(kind: RubricKind, assignmentMinPosts: number): number | null {
  if (kind === "MIN_POSTS_BEFORE_DUE") return Math.max(1, assignmentMinPosts);
  if (kind === "MIN_WORDS") return 150;
  return null;
}

export const MAX_POINTS = 1000;
export const MAX_THRESHOLD = 100_000;

export type RubricCriterionRow = { kind: RubricKind; threshold: number; points: number };

/** A stored criterion as lib/domain/grading.ts evaluates it. */
export function toCriterion(row: RubricCriterionRow): Criterion {
  switch (row.kind) {
    case "MIN_POSTS_BEFORE_DUE":
      return { kind: row.kind, minPosts: row.threshold, points: row.points };
    case "MIN_WORDS":
      return { kind: row.kind, minWords: row.threshold, points: row.points };
    default:
      return { kind: row.kind, points: row.points };
  }
}

/** One line a student and an instructor both understand, e.g. "At least 3 posts before the due date". */
export function describeCriterion(criterion: Criterion): string {
  switch (criterion.kind) {
    case "MIN_POSTS_BEFORE_DUE":
      return `At least ${criterion.minPosts} ${criterion.minPosts === 1 ? "post" : "posts"} before the due date`;
    case "QUOTES_TEXT":
      return "Comments on a passage of the text";
    case "REPLIES_TO_CLASSMATE":
      return "Replies to a classmate";
    case "ASKS_QUESTION":
      return "Asks a question";
    case "MIN_WORDS":
      return `Writes at least ${criterion.minWords} ${criterion.minWords === 1 ? "word" : "words"}`;
  }
}

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .regex(/^\d+$/, `The ${label} must be a whole number.`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, { message: `The ${label} must be between ${min} and ${max}.` });

/**
 * The rubric form: for each kind, `<KIND>.enabled` ("on" when ticked), `<KIND>.points` and, for
 * kinds with a threshold, `<KIND>.threshold`. Unticked kinds are ignored whatever their fields
 * hold; errors are keyed by the same field names so the form shows them beside the input.
 */
export function parseRubricForm(
  entries: Record<string, unknown>,
): { ok: true; criteria: (RubricCriterionRow & { position: number })[] } | { ok: false; fieldErrors: Record<string, string[]> } {
  const criteria: (RubricCriterionRow & { position: number })[] = [];
  const fieldErrors: Record<string, string[]> = {};
  RUBRIC_KINDS.forEach((kind, position) => {
    if (entries[`${kind}.enabled`] !== "on") return;
    const points = wholeNumber("points", 0, MAX_POINTS).safeParse(entries[`${kind}.points`] ?? "");
    if (!points.success) fieldErrors[`${kind}.points`] = points.error.issues.map((issue) => issue.message);
    let threshold = 0;
    if (KINDS_WITH_THRESHOLD.has(kind)) {
      const label = kind === "MIN_WORDS" ? "number of words" : "number of posts";
      const parsed = wholeNumber(label, 1, MAX_THRESHOLD).safeParse(entries[`${kind}.threshold`] ?? "");
      if (parsed.success) threshold = parsed.data;
      else fieldErrors[`${kind}.threshold`] = parsed.error.issues.map((issue) => issue.message);
    }
    if (points.success) criteria.push({ kind, threshold, points: points.data, position });
  });
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, criteria };
}
