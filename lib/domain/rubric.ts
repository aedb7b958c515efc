import { z } from "zod";
import type { AutomaticCriterion, Criterion, CustomCriterion, ManualScore } from "./grading.ts";
import { isSaveableText, requiredTextSchema, UNSAVEABLE_TEXT_MESSAGE } from "./saveable-text.ts";

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

export type RubricCriterionRow = {
  kind: RubricKind;
  threshold: number;
  points: number;
  /** MIN_POSTS_BEFORE_DUE: the threshold is the assignment's minimum, whatever it becomes. */
  followsAssignmentMinimum?: boolean;
};

/**
 * Whether a saved minimum-posts criterion follows the assignment: it does when it was saved at
 * the assignment's own minimum (the number the form starts at), so changing the assignment's
 * minimum later changes it too; a different number typed by the instructor stays as typed.
 */
export function isFollowingAssignmentMinimum(kind: RubricKind, threshold: number, assignmentMinPosts: number): boolean {
  return kind === "MIN_POSTS_BEFORE_DUE" && threshold === defaultThreshold(kind, assignmentMinPosts);
}

/** The number a stored criterion is graded with: the assignment's minimum when it follows it. */
export function effectiveThreshold(row: RubricCriterionRow, assignmentMinPosts: number): number {
  return row.kind === "MIN_POSTS_BEFORE_DUE" && row.followsAssignmentMinimum === true
    ? defaultThreshold(row.kind, assignmentMinPosts)!
    : row.threshold;
}

/** A stored criterion as lib/domain/grading.ts evaluates it (`assignmentMinPosts` for one that follows the assignment). */
export function toCriterion(row: RubricCriterionRow, assignmentMinPosts = 0): AutomaticCriterion {
  switch (row.kind) {
    case "MIN_POSTS_BEFORE_DUE":
      return { kind: row.kind, minPosts: effectiveThreshold(row, assignmentMinPosts), points: row.points };
    case "MIN_WORDS":
      return { kind: row.kind, minWords: row.threshold, points: row.points };
    default:
      return { kind: row.kind, points: row.points };
  }
}

/**
 * The criteria in the order every page and the CSV show them: the automatic ones in the kinds'
 * order, then the instructor's own in theirs.
 */
export function orderCriteria<T extends Criterion>(criteria: readonly T[], positionOf: (criterion: T) => number): T[] {
  const rank = (criterion: T) => (criterion.kind === "CUSTOM" ? RUBRIC_KINDS.length : RUBRIC_KINDS.indexOf(criterion.kind));
  return [...criteria].sort((a, b) => rank(a) - rank(b) || positionOf(a) - positionOf(b));
}

/** One line a student and an instructor both understand, e.g. "At least 3 posts before the due date". */
export function describeCriterion(criterion: Criterion): string {
  switch (criterion.kind) {
    case "CUSTOM":
      return criterion.name;
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

// ---------------------------------------------------------------------------------------------
// An instructor's own criteria, graded by hand.

export const CUSTOM_CRITERION_LIMITS = { nameMax: 120, descriptionMax: 2000, perAssignment: 30, commentMax: 2000 } as const;

/** The add and edit form of a custom criterion: name (required), points (0..1000), description (optional). */
export const customCriterionInputSchema = z.object({
  name: requiredTextSchema({ missing: "Give the criterion a name.", max: CUSTOM_CRITERION_LIMITS.nameMax }),
  points: wholeNumber("points", 0, MAX_POINTS),
  description: z
    .string({ error: "The description must be text." })
    .trim()
    .max(CUSTOM_CRITERION_LIMITS.descriptionMax, `Use at most ${CUSTOM_CRITERION_LIMITS.descriptionMax} characters.`)
    .refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE)
    .optional()
    .default(""),
});
export type CustomCriterionInput = z.infer<typeof customCriterionInputSchema>;

/** A stored custom criterion as lib/domain/grading.ts evaluates it. */
export function toCustomCriterion(row: { id: string; name: string | null; description: string | null; points: number }): CustomCriterion {
  return { kind: "CUSTOM", id: row.id, name: row.name ?? "", description: row.description ?? "", points: row.points };
}

/** The score field of a custom criterion in the grading form, and its comment's. */
export const manualScoreField = (criterionId: string) => `score.${criterionId}`;
export const manualCommentField = (criterionId: string) => `comment.${criterionId}`;

/**
 * The grading form of one student: for each custom criterion `score.<id>` (empty: not graded
 * yet, so any stored score is cleared) and `comment.<id>` (optional, for the student). A score is
 * a number from 0 to the criterion's points with at most two decimals; errors are keyed by the
 * field's name so the form shows each beside its input.
 */
export function parseManualScores(
  entries: Record<string, unknown>,
  criteria: readonly Pick<CustomCriterion, "id" | "name" | "points">[],
): { ok: true; scores: { criterionId: string; manual: ManualScore | null }[] } | { ok: false; fieldErrors: Record<string, string[]> } {
  const scores: { criterionId: string; manual: ManualScore | null }[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const criterion of criteria) {
    const scoreName = manualScoreField(criterion.id);
    const commentName = manualCommentField(criterion.id);
    const rawScore = entries[scoreName] ?? "";
    const rawComment = entries[commentName] ?? "";
    if (typeof rawScore !== "string" || typeof rawComment !== "string") {
      fieldErrors[typeof rawScore !== "string" ? scoreName : commentName] = ["Enter text, not a file."];
      continue;
    }
    const comment = rawComment.trim();
    if (comment.length > CUSTOM_CRITERION_LIMITS.commentMax) {
      fieldErrors[commentName] = [`Use at most ${CUSTOM_CRITERION_LIMITS.commentMax} characters.`];
    } else if (!isSaveableText(comment)) fieldErrors[commentName] = [UNSAVEABLE_TEXT_MESSAGE];
    const text = rawScore.trim();
    if (text === "") {
      if (comment !== "") fieldErrors[scoreName] = ["Enter a score for this comment, or remove the comment."];
      else scores.push({ criterionId: criterion.id, manual: null });
      continue;
    }
    if (!/^\d+(?:\.\d{1,2})?$/.test(text)) {
      fieldErrors[scoreName] = ["Enter the score as a number, like 3 or 2.5."];
      continue;
    }
    const score = Number(text);
    if (score > criterion.points) {
      fieldErrors[scoreName] = [`The score must be between 0 and ${criterion.points}.`];
      continue;
    }
    scores.push({ criterionId: criterion.id, manual: { score, comment: comment === "" ? null : comment } });
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, scores };
}
