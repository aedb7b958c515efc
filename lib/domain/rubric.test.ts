import { describe, expect, it } from "vitest";
import { gradeStudent } from "./grading";
import {
  customCriterionInputSchema,
  defaultThreshold,
  describeCriterion,
  effectiveThreshold,
  isFollowingAssignmentMinimum,
  orderCriteria,
  parseManualScores,
  parseRubricForm,
  toCriterion,
  toCustomCriterion,
} from "./rubric";

describe("parseRubricForm", () => {
  it("[RUBRIC] only ticked criteria are kept, in the fixed order of the kinds", () => {
    const parsed = parseRubricForm({
      "MIN_WORDS.enabled": "on",
      "MIN_WORDS.points": "2",
      "MIN_WORDS.threshold": "150",
      "ASKS_QUESTION.points": "9",
      "MIN_POSTS_BEFORE_DUE.enabled": "on",
      "MIN_POSTS_BEFORE_DUE.points": " 5 ",
      "MIN_POSTS_BEFORE_DUE.threshold": "3",
      "QUOTES_TEXT.enabled": "on",
      "QUOTES_TEXT.points": "1",
      "QUOTES_TEXT.threshold": "junk that is ignored",
    });
    expect(parsed).toEqual({
      ok: true,
      criteria: [
        { kind: "MIN_POSTS_BEFORE_DUE", threshold: 3, points: 5, position: 0 },
        { kind: "QUOTES_TEXT", threshold: 0, points: 1, position: 1 },
        { kind: "MIN_WORDS", threshold: 150, points: 2, position: 4 },
      ],
    });
  });

  it("[RUBRIC] bad numbers come back as errors on their own fields", () => {
    const parsed = parseRubricForm({
      "MIN_WORDS.enabled": "on",
      "MIN_WORDS.points": "-1",
      "MIN_WORDS.threshold": "0",
      "ASKS_QUESTION.enabled": "on",
      "ASKS_QUESTION.points": "",
      "MIN_POSTS_BEFORE_DUE.enabled": "on",
      "MIN_POSTS_BEFORE_DUE.points": "2.5",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual([
      "ASKS_QUESTION.points",
      "MIN_POSTS_BEFORE_DUE.points",
      "MIN_POSTS_BEFORE_DUE.threshold",
      "MIN_WORDS.points",
      "MIN_WORDS.threshold",
    ]);
    expect(parsed.fieldErrors["MIN_WORDS.threshold"]).toEqual(["The number of words must be between 1 and 100000."]);
  });

  it("[RUBRIC] an empty form is an empty rubric", () => {
    expect(parseRubricForm({})).toEqual({ ok: true, criteria: [] });
  });
});

describe("toCriterion", () => {
  it("[RUBRIC] the stored threshold becomes the minimum posts or words the grader checks", () => {
    const criteria = [
      toCriterion({ kind: "MIN_POSTS_BEFORE_DUE", threshold: 2, points: 4 }),
      toCriterion({ kind: "MIN_WORDS", threshold: 3, points: 1 }),
      toCriterion({ kind: "ASKS_QUESTION", threshold: 0, points: 2 }),
    ];
    expect(criteria.map(describeCriterion)).toEqual(["At least 2 posts before the due date", "Writes at least 3 words", "Asks a question"]);
    const grade = gradeStudent({
      studentId: "s",
      criteria,
      dueAt: null,
      posts: [
        {
          id: "p",
          kind: "PARAGRAPH_POST",
          createdAt: new Date(),
          deletedAt: null,
          hiddenAt: null,
          isQuestion: false,
          parentAuthorId: null,
          text: "one two three",
        },
      ],
    });
    expect(grade.results.map((result) => result.isMet)).toEqual([false, true, false]);
  });
});

describe("defaultThreshold", () => {
  it("[RUBRIC] the minimum-posts criterion starts at the assignment's minimum (one post without one); words at 150", () => {
    expect(defaultThreshold("MIN_POSTS_BEFORE_DUE", 4)).toBe(4);
    expect(defaultThreshold("MIN_POSTS_BEFORE_DUE", 0)).toBe(1);
    expect(defaultThreshold("MIN_WORDS", 4)).toBe(150);
    expect(defaultThreshold("ASKS_QUESTION", 4)).toBeNull();
  });
});

describe("the minimum-posts criterion follows the assignment", () => {
  it("[RUBRIC] saved at the assignment's minimum it follows it; another number stays as typed", () => {
    expect(isFollowingAssignmentMinimum("MIN_POSTS_BEFORE_DUE", 3, 3)).toBe(true);
    expect(isFollowingAssignmentMinimum("MIN_POSTS_BEFORE_DUE", 1, 0)).toBe(true);
    expect(isFollowingAssignmentMinimum("MIN_POSTS_BEFORE_DUE", 4, 3)).toBe(false);
    expect(isFollowingAssignmentMinimum("MIN_WORDS", 150, 150)).toBe(false);
    const following = { kind: "MIN_POSTS_BEFORE_DUE" as const, threshold: 3, points: 2, followsAssignmentMinimum: true };
    expect(effectiveThreshold(following, 5)).toBe(5);
    expect(effectiveThreshold(following, 0)).toBe(1);
    expect(toCriterion(following, 5)).toEqual({ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 5, points: 2 });
    expect(toCriterion({ ...following, followsAssignmentMinimum: false }, 5)).toEqual({
      kind: "MIN_POSTS_BEFORE_DUE",
      minPosts: 3,
      points: 2,
    });
  });
});

describe("custom criteria", () => {
  it("[RUBRIC] a custom criterion needs a name of at most 120 characters, whole points 0–1000, a description of at most 2000", () => {
    expect(customCriterionInputSchema.parse({ name: "  Uses evidence ", points: "10", description: " Cites the text. " })).toEqual({
      name: "Uses evidence",
      points: 10,
      description: "Cites the text.",
    });
    expect(customCriterionInputSchema.parse({ name: "x", points: "0" })).toEqual({ name: "x", points: 0, description: "" });
    const refused = (input: Record<string, unknown>) => {
      const parsed = customCriterionInputSchema.safeParse(input);
      return parsed.success ? null : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
    };
    expect(refused({ name: " ", points: "1" })).toEqual({ name: "Give the criterion a name." });
    expect(refused({ name: "x".repeat(121), points: "1" })).toEqual({ name: "Use at most 120 characters." });
    expect(refused({ name: "x".repeat(120), points: "1" })).toBeNull();
    expect(refused({ name: "x", points: "1001" })).toEqual({ points: "The points must be between 0 and 1000." });
    expect(refused({ name: "x", points: "2.5" })).toEqual({ points: "The points must be a whole number." });
    expect(refused({ name: "x", points: "-1" })).toEqual({ points: "The points must be a whole number." });
    expect(refused({ name: "x", points: "1", description: "y".repeat(2001) })).toEqual({ description: "Use at most 2000 characters." });
    expect(refused({ name: "a\u0000b", points: "1" })).toEqual({ name: "Remove the null character (U+0000): it cannot be saved." });
  });

  it("[RUBRIC] custom criteria come after the automatic ones, each group in its own order; a custom one is described by its name", () => {
    const custom = (id: string, position: number) => ({
      criterion: toCustomCriterion({ id, name: `N${id}`, description: null, points: 1 }),
      position,
    });
    const automatic = (kind: "MIN_WORDS" | "QUOTES_TEXT", position: number) => ({
      criterion: toCriterion({ kind, threshold: 5, points: 1 }),
      position,
    });
    const ordered = orderCriteria(
      [custom("b", 1), automatic("MIN_WORDS", 4), custom("a", 0), automatic("QUOTES_TEXT", 1)].map((item) => item.criterion),
      (criterion) => (criterion.kind === "CUSTOM" ? (criterion.id === "a" ? 0 : 1) : 0),
    );
    expect(ordered.map(describeCriterion)).toEqual(["Comments on a passage of the text", "Writes at least 5 words", "Na", "Nb"]);
  });

  it("[RUBRIC] hand scores: 0 to the criterion's points with up to two decimals, empty means not graded; errors sit on their own fields", () => {
    const criteria = [
      { id: "c1", name: "One", points: 5 },
      { id: "c2", name: "Two", points: 3 },
    ];
    expect(parseManualScores({ "score.c1": " 4.5 ", "comment.c1": " Well argued. ", "score.c2": "" }, criteria)).toEqual({
      ok: true,
      scores: [
        { criterionId: "c1", manual: { score: 4.5, comment: "Well argued." } },
        { criterionId: "c2", manual: null },
      ],
    });
    expect(parseManualScores({ "score.c1": "0", "score.c2": "3" }, criteria)).toEqual({
      ok: true,
      scores: [
        { criterionId: "c1", manual: { score: 0, comment: null } },
        { criterionId: "c2", manual: { score: 3, comment: null } },
      ],
    });
    const refused = parseManualScores({ "score.c1": "6", "score.c2": "-1", "comment.c2": "x" }, criteria);
    expect(refused).toEqual({
      ok: false,
      fieldErrors: { "score.c1": ["The score must be between 0 and 5."], "score.c2": ["Enter the score as a number, like 3 or 2.5."] },
    });
    expect(parseManualScores({ "score.c1": "1.234" }, criteria)).toMatchObject({
      ok: false,
      fieldErrors: { "score.c1": ["Enter the score as a number, like 3 or 2.5."] },
    });
    expect(parseManualScores({ "score.c1": "", "comment.c1": "Nice" }, criteria)).toMatchObject({
      ok: false,
      fieldErrors: { "score.c1": ["Enter a score for this comment, or remove the comment."] },
    });
    expect(parseManualScores({ "score.c1": "1", "comment.c1": "z".repeat(2001) }, criteria)).toMatchObject({
      ok: false,
      fieldErrors: { "comment.c1": ["Use at most 2000 characters."] },
    });
    expect(parseManualScores({ "score.c1": ["1"] }, criteria)).toMatchObject({
      ok: false,
      fieldErrors: { "score.c1": ["Enter text, not a file."] },
    });
  });
});
