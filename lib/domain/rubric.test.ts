import { describe, expect, it } from "vitest";
import { gradeStudent } from "./grading";
import { defaultThreshold, describeCriterion, parseRubricForm, toCriterion } from "./rubric";

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
