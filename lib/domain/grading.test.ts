import { describe, expect, it } from "vitest";
import {
  countWords,
  criterionKey,
  describeTotal,
  formatPoints,
  gradeStudent,
  gradeTotals,
  type Criterion,
  type GradingPost,
} from "./grading";

const STUDENT = "s1";
const due = new Date("2027-03-01T23:59:00Z");
let counter = 0;
function post(fields: Partial<GradingPost> = {}): GradingPost {
  counter += 1;
  return {
    id: `p${counter}`,
    kind: "PARAGRAPH_POST",
    createdAt: new Date("2027-02-20T10:00:00Z"),
    deletedAt: null,
    hiddenAt: null,
    isQuestion: false,
    parentAuthorId: null,
    text: "A thought about the statement.",
    ...fields,
  };
}
const grade = (posts: GradingPost[], criteria: Criterion[], dueAt: Date | null = due) =>
  gradeStudent({ studentId: STUDENT, posts, criteria, dueAt });

describe("gradeStudent", () => {
  it("[GRADING] minimum posts before the due date counts a post made exactly at the due date", () => {
    const posts = [post(), post({ createdAt: due })];
    const result = grade(posts, [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 2, points: 5 }]);
    expect(result.results[0]).toMatchObject({
      isMet: true,
      pointsEarned: 5,
      evidence: posts.map((item) => item.id),
      progress: "2 of 2 posts before the due date",
    });
  });

  it("[GRADING] a post one second late does not count toward the minimum before the due date, and is shown as late", () => {
    const late = post({ createdAt: new Date(due.getTime() + 1000) });
    const result = grade([post(), late], [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 2, points: 5 }]);
    expect(result.results[0]).toMatchObject({
      isMet: false,
      pointsEarned: 0,
      evidence: [],
      progress: "1 of 2 posts before the due date (1 late)",
    });
    expect(result).toMatchObject({ posts: 2, latePosts: 1 });
  });

  it("[GRADING] without a due date every post is on time", () => {
    const result = grade(
      [post({ createdAt: new Date("2030-01-01T00:00:00Z") })],
      [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 1 }],
      null,
    );
    expect(result.results[0]!.isMet).toBe(true);
  });

  it("[GRADING] deleted posts, hidden posts and highlights earn nothing", () => {
    const posts = [post({ deletedAt: new Date() }), post({ hiddenAt: new Date(), kind: "COMMENT" }), post({ kind: "HIGHLIGHT", text: "" })];
    const result = grade(posts, [
      { kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 2 },
      { kind: "QUOTES_TEXT", points: 2 },
    ]);
    expect(result.computedScore).toBe(0);
    expect(result.results.every((item) => item.evidence.length === 0)).toBe(true);
  });

  it("[GRADING] quoting the text needs a comment on a passage, with that comment as evidence", () => {
    const comment = post({ kind: "COMMENT" });
    const result = grade([post(), comment], [{ kind: "QUOTES_TEXT", points: 3 }]);
    expect(result.results[0]).toMatchObject({ isMet: true, evidence: [comment.id] });
  });

  it("[GRADING] a reply counts as replying to a classmate only when the parent is someone else's", () => {
    const toSelf = post({ kind: "REPLY", parentAuthorId: STUDENT });
    const toPeer = post({ kind: "REPLY", parentAuthorId: "s2" });
    expect(grade([toSelf], [{ kind: "REPLIES_TO_CLASSMATE", points: 2 }]).results[0]!.isMet).toBe(false);
    expect(grade([toSelf, toPeer], [{ kind: "REPLIES_TO_CLASSMATE", points: 2 }]).results[0]).toMatchObject({
      isMet: true,
      evidence: [toPeer.id],
    });
  });

  it("[GRADING] asking a question needs a post marked as a question", () => {
    const question = post({ isQuestion: true });
    expect(grade([post()], [{ kind: "ASKS_QUESTION", points: 1 }]).results[0]!.isMet).toBe(false);
    expect(grade([question], [{ kind: "ASKS_QUESTION", points: 1 }]).results[0]).toMatchObject({ isMet: true, evidence: [question.id] });
  });

  it("[GRADING] minimum words adds up the words of every counted post", () => {
    const posts = [post({ text: "one two three" }), post({ text: "four five" }), post({ text: "six seven", deletedAt: new Date() })];
    expect(grade(posts, [{ kind: "MIN_WORDS", minWords: 5, points: 4 }]).results[0]).toMatchObject({
      isMet: true,
      progress: "5 of 5 words",
    });
    expect(grade(posts, [{ kind: "MIN_WORDS", minWords: 6, points: 4 }]).results[0]).toMatchObject({
      isMet: false,
      progress: "5 of 6 words",
    });
  });

  it("[GRADING] the score adds the points of met criteria; an override replaces it and keeps its comment", () => {
    const criteria: Criterion[] = [
      { kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 5 },
      { kind: "ASKS_QUESTION", points: 3 },
    ];
    const computed = gradeStudent({ studentId: STUDENT, posts: [post()], criteria, dueAt: due });
    expect(computed).toMatchObject({ computedScore: 5, maxScore: 8, finalScore: 5, override: null });
    const overridden = gradeStudent({
      studentId: STUDENT,
      posts: [post()],
      criteria,
      dueAt: due,
      override: { score: 7, comment: "Asked in class." },
    });
    expect(overridden).toMatchObject({ computedScore: 5, finalScore: 7, override: { comment: "Asked in class." } });
  });
});

describe("gradeStudent edge cases", () => {
  it("[GRADING] the due date is an instant: a post whose local date is after the due day is still on time when earlier in UTC", () => {
    // Due 18:59 in New York = 23:59 UTC; a post at 00:30 the next day in Paris is 23:30 UTC.
    const dueInNewYork = new Date("2027-03-01T18:59:00-05:00");
    const parisPost = post({ createdAt: new Date("2027-03-02T00:30:00+01:00") });
    const tokyoLate = post({ createdAt: new Date("2027-03-02T09:00:00+09:00") });
    const result = grade([parisPost, tokyoLate], [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 2, points: 1 }], dueInNewYork);
    expect(result.results[0]).toMatchObject({ isMet: false, progress: "1 of 2 posts before the due date (1 late)" });
    expect(grade([parisPost], [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 1 }], dueInNewYork).results[0]!.evidence).toEqual([
      parisPost.id,
    ]);
  });

  it("[GRADING] late posts still count for the criteria that have no deadline", () => {
    const late = post({ kind: "COMMENT", createdAt: new Date(due.getTime() + 86_400_000) });
    const result = grade(
      [late],
      [
        { kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 2 },
        { kind: "QUOTES_TEXT", points: 3 },
      ],
    );
    expect(result.results.map((item) => item.isMet)).toEqual([false, true]);
    expect(result.computedScore).toBe(3);
  });

  it("[GRADING] a deleted or hidden reply to a classmate and a hidden question earn nothing", () => {
    const criteria: Criterion[] = [
      { kind: "REPLIES_TO_CLASSMATE", points: 2 },
      { kind: "ASKS_QUESTION", points: 1 },
    ];
    const posts = [
      post({ kind: "REPLY", parentAuthorId: "s2", deletedAt: new Date() }),
      post({ kind: "REPLY", parentAuthorId: "s2", hiddenAt: new Date() }),
      post({ isQuestion: true, hiddenAt: new Date() }),
    ];
    expect(grade(posts, criteria).computedScore).toBe(0);
  });

  it("[GRADING] a reply to one's own reply inside a classmate's thread is still a reply to oneself", () => {
    const ownReply = post({ kind: "REPLY", parentAuthorId: "s2" });
    const replyToSelf = post({ kind: "REPLY", parentAuthorId: STUDENT });
    const result = grade([ownReply, replyToSelf], [{ kind: "REPLIES_TO_CLASSMATE", points: 2 }]);
    expect(result.results[0]!.evidence).toEqual([ownReply.id]);
  });

  it("[GRADING] a question asked in a reply is not a question of one's own", () => {
    expect(
      grade([post({ kind: "REPLY", parentAuthorId: "s2", isQuestion: true })], [{ kind: "ASKS_QUESTION", points: 1 }]).results[0]!.isMet,
    ).toBe(false);
  });

  it("[GRADING] evidence lists posts oldest first, whatever order they were loaded in", () => {
    const newer = post({ createdAt: new Date("2027-02-21T10:00:00Z") });
    const older = post({ createdAt: new Date("2027-02-19T10:00:00Z") });
    expect(grade([newer, older], [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 1 }]).results[0]!.evidence).toEqual([
      older.id,
      newer.id,
    ]);
  });

  it("[GRADING] an empty rubric scores 0 of 0 and an override of 0 is kept", () => {
    expect(grade([post()], [])).toMatchObject({ computedScore: 0, maxScore: 0, finalScore: 0 });
    const overridden = gradeStudent({
      studentId: STUDENT,
      posts: [post()],
      criteria: [{ kind: "ASKS_QUESTION", points: 0 }],
      dueAt: due,
      override: { score: 0, comment: "Plagiarised." },
    });
    expect(overridden.finalScore).toBe(0);
  });
});

describe("countWords", () => {
  it.each([
    ["", 0],
    ["  ", 0],
    ["ICT's role, in 2006 — re-examined.", 5],
    ["Übersicht über die Lage", 4],
    ["हिन्दी भी", 2],
    ["cafe\u0301 re\u0301sume\u0301", 2],
  ])("[GRADING] %j has %i words", (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe("criteria graded by hand", () => {
  const essay: Criterion = { kind: "CUSTOM", id: "c1", name: "Engages with the argument", description: "", points: 5 };
  const evidence: Criterion = { kind: "CUSTOM", id: "c2", name: "Uses evidence", description: "Cites the text.", points: 3 };
  const posts: Criterion = { kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 2 };

  it("[GRADING] a custom criterion not graded yet counts 0, and the total says it is partial", () => {
    const result = gradeStudent({ studentId: STUDENT, posts: [post()], criteria: [posts, essay, evidence], dueAt: due });
    expect(result).toMatchObject({ computedScore: 2, maxScore: 10, finalScore: 2, ungradedCriteria: 2, isPartial: true });
    expect(result.results[1]).toMatchObject({ isGraded: false, isMet: false, pointsEarned: 0, progress: "Not graded yet", manual: null });
    expect(describeTotal(result)).toBe("2 of 10 (partial: 2 criteria not graded yet)");
  });

  it("[GRADING] hand scores add to the automatic points, to the hundredth; a full score is met", () => {
    const result = gradeStudent({
      studentId: STUDENT,
      posts: [post()],
      criteria: [posts, essay, evidence],
      dueAt: due,
      manualScores: { c1: { score: 3.3, comment: "Good reading." }, c2: { score: 3, comment: null } },
    });
    expect(result).toMatchObject({ computedScore: 8.3, maxScore: 10, finalScore: 8.3, ungradedCriteria: 0, isPartial: false });
    expect(result.results.map((item) => [item.isGraded, item.isMet, item.pointsEarned])).toEqual([
      [true, true, 2],
      [true, false, 3.3],
      [true, true, 3],
    ]);
    expect(result.results[1]!.manual).toEqual({ score: 3.3, comment: "Good reading." });
    expect(describeTotal(result)).toBe("8.3 of 10");
  });

  it("[GRADING] 0.1 + 0.2 adds up to 0.3, not 0.30000000000000004", () => {
    const a: Criterion = { ...essay, id: "a" };
    const b: Criterion = { ...essay, id: "b" };
    const result = gradeStudent({
      studentId: STUDENT,
      posts: [],
      criteria: [a, b],
      dueAt: null,
      manualScores: { a: { score: 0.1, comment: null }, b: { score: 0.2, comment: null } },
    });
    expect(result.computedScore).toBe(0.3);
  });

  it("[GRADING] a score given before the points were lowered counts as the new maximum", () => {
    const lowered: Criterion = { ...essay, points: 2 };
    const result = gradeStudent({
      studentId: STUDENT,
      posts: [],
      criteria: [lowered],
      dueAt: null,
      manualScores: { c1: { score: 4, comment: null } },
    });
    expect(result.results[0]).toMatchObject({ pointsEarned: 2, isMet: true });
    expect(result.computedScore).toBe(2);
  });

  it("[GRADING] the evidence of a custom criterion is every post that counts (not highlights, deleted or hidden ones), late ones included", () => {
    const shown = [post({ id: "on-time" }), post({ id: "late", createdAt: new Date(due.getTime() + 1000) })];
    const hidden = [post({ id: "hl", kind: "HIGHLIGHT" }), post({ id: "del", deletedAt: due }), post({ id: "hid", hiddenAt: due })];
    const result = gradeStudent({ studentId: STUDENT, posts: [...shown, ...hidden], criteria: [essay], dueAt: due });
    expect(result.results[0]!.evidence).toEqual(["on-time", "late"]);
  });

  it("[GRADING] an override ends a partial total: the instructor gave the final score", () => {
    const result = gradeStudent({
      studentId: STUDENT,
      posts: [],
      criteria: [essay],
      dueAt: null,
      override: { score: 4, comment: "Oral." },
    });
    expect(result).toMatchObject({ finalScore: 4, computedScore: 0, ungradedCriteria: 1, isPartial: false });
  });

  it("[GRADING] a manual score for a criterion id not in the rubric, or named like an object's own property, is ignored", () => {
    const result = gradeStudent({
      studentId: STUDENT,
      posts: [],
      criteria: [{ ...essay, id: "toString" }],
      dueAt: null,
      manualScores: { other: { score: 5, comment: null } },
    });
    expect(result).toMatchObject({ computedScore: 0, ungradedCriteria: 1 });
  });

  it("[GRADING] criterion keys tell custom criteria apart from the automatic kinds and from each other", () => {
    expect([posts, essay, evidence].map(criterionKey)).toEqual(["MIN_POSTS_BEFORE_DUE", "custom-c1", "custom-c2"]);
  });

  it("[GRADING] gradeTotals is the total of the results whatever computes them; formatPoints writes scores as people do", () => {
    const { results } = gradeStudent({
      studentId: STUDENT,
      posts: [post()],
      criteria: [posts, essay],
      dueAt: due,
      manualScores: { c1: { score: 2.5, comment: null } },
    });
    expect(gradeTotals(results, null)).toEqual({
      computedScore: 4.5,
      maxScore: 7,
      finalScore: 4.5,
      override: null,
      ungradedCriteria: 0,
      isPartial: false,
    });
    expect([7, 7.5, 7.25, 1 / 3].map(formatPoints)).toEqual(["7", "7.5", "7.25", "0.33"]);
  });
});
