import { describe, expect, it } from "vitest";
import { countWords, gradeStudent, toCsv, type Criterion, type GradingPost } from "./grading";

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
const grade = (posts: GradingPost[], criteria: Criterion[], dueAt: Date | null = due) => gradeStudent({ studentId: STUDENT, posts, criteria, dueAt });

describe("gradeStudent", () => {
  it("[GRADING] minimum posts before the due date counts a post made exactly at the due date", () => {
    const posts = [post(), post({ createdAt: due })];
    const result = grade(posts, [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 2, points: 5 }]);
    expect(result.results[0]).toMatchObject({ isMet: true, pointsEarned: 5, evidence: posts.map((item) => item.id), progress: "2 of 2 posts before the due date" });
  });

  it("[GRADING] a post one second late does not count toward the minimum", () => {
    const late = post({ createdAt: new Date(due.getTime() + 1000) });
    const result = grade([post(), late], [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 2, points: 5 }]);
    expect(result.results[0]).toMatchObject({ isMet: false, pointsEarned: 0, evidence: [], progress: "1 of 2 posts before the due date" });
  });

  it("[GRADING] without a due date every post is on time", () => {
    const result = grade([post({ createdAt: new Date("2030-01-01T00:00:00Z") })], [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 1 }], null);
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
    expect(grade([toSelf, toPeer], [{ kind: "REPLIES_TO_CLASSMATE", points: 2 }]).results[0]).toMatchObject({ isMet: true, evidence: [toPeer.id] });
  });

  it("[GRADING] asking a question needs a post marked as a question", () => {
    const question = post({ isQuestion: true });
    expect(grade([post()], [{ kind: "ASKS_QUESTION", points: 1 }]).results[0]!.isMet).toBe(false);
    expect(grade([question], [{ kind: "ASKS_QUESTION", points: 1 }]).results[0]).toMatchObject({ isMet: true, evidence: [question.id] });
  });

  it("[GRADING] minimum words adds up the words of every counted post", () => {
    const posts = [post({ text: "one two three" }), post({ text: "four five" }), post({ text: "six seven", deletedAt: new Date() })];
    expect(grade(posts, [{ kind: "MIN_WORDS", minWords: 5, points: 4 }]).results[0]).toMatchObject({ isMet: true, progress: "5 of 5 words" });
    expect(grade(posts, [{ kind: "MIN_WORDS", minWords: 6, points: 4 }]).results[0]).toMatchObject({ isMet: false, progress: "5 of 6 words" });
  });

  it("[GRADING] the score adds the points of met criteria; an override replaces it and keeps its comment", () => {
    const criteria: Criterion[] = [
      { kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 5 },
      { kind: "ASKS_QUESTION", points: 3 },
    ];
    const computed = gradeStudent({ studentId: STUDENT, posts: [post()], criteria, dueAt: due });
    expect(computed).toMatchObject({ computedScore: 5, maxScore: 8, finalScore: 5, override: null });
    const overridden = gradeStudent({ studentId: STUDENT, posts: [post()], criteria, dueAt: due, override: { score: 7, comment: "Asked in class." } });
    expect(overridden).toMatchObject({ computedScore: 5, finalScore: 7, override: { comment: "Asked in class." } });
  });
});

describe("countWords", () => {
  it.each([
    ["", 0],
    ["  ", 0],
    ["ICT's role, in 2006 — re-examined.", 5],
    ["Übersicht über die Lage", 4],
  ])("[GRADING] %j has %i words", (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe("toCsv", () => {
  it("[EXPORT] quotes fields with commas, quotes and line breaks, and ends lines with CRLF", () => {
    expect(toCsv([["name", "comment"], ['Ana "A"', "good, clear\nwork"]])).toBe('name,comment\r\n"Ana ""A""","good, clear\nwork"\r\n');
  });

  it.each(["=SUM(A1:A2)", "+1", "-2+3", "@cmd", "\tx"])("[EXPORT] %j is neutralised so no spreadsheet runs it", (cell) => {
    expect(toCsv([[cell]]).startsWith(`'`) || toCsv([[cell]]).startsWith(`"'`)).toBe(true);
  });

  it("[EXPORT] numbers, empty cells and plain text pass as they are", () => {
    expect(toCsv([[-5, null, "plain"]])).toBe("-5,,plain\r\n");
  });
});
