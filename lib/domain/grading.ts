// Rubric grading with evidence (issue "Teaching"): which of a student's posts satisfy each
// criterion of an assignment, and the score that follows. Pure: the server loads the posts,
// this decides (lib/server/grading loads them in one query per assignment).

export type GradingPost = {
  id: string;
  kind: "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST" | "REPLY";
  createdAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  isQuestion: boolean;
  /** For replies: the author of the post replied to. */
  parentAuthorId: string | null;
  /** Plain text of the body (empty for highlights). */
  text: string;
};

export type Criterion =
  | { kind: "MIN_POSTS_BEFORE_DUE"; minPosts: number; points: number }
  | { kind: "QUOTES_TEXT"; points: number }
  | { kind: "REPLIES_TO_CLASSMATE"; points: number }
  | { kind: "ASKS_QUESTION"; points: number }
  | { kind: "MIN_WORDS"; minWords: number; points: number };

export type CriterionResult = {
  criterion: Criterion;
  isMet: boolean;
  pointsEarned: number;
  /** The posts that satisfied it (for MIN_POSTS / MIN_WORDS: the posts that counted). */
  evidence: string[];
  /** How far the student got, e.g. "2 of 3 posts" — for students and instructors alike. */
  progress: string;
};

export type Override = { score: number; comment: string };

export type StudentGrade = {
  studentId: string;
  results: CriterionResult[];
  /** The posts that count (not highlights, deleted or hidden), and how many came after the due date. */
  posts: number;
  latePosts: number;
  computedScore: number;
  maxScore: number;
  /** The instructor's override when there is one, else the computed score. */
  finalScore: number;
  override: Override | null;
};

/**
 * Words as a reader counts them: runs of letters or digits (apostrophes and hyphens inside).
 * Combining marks belong to the word they are in (Devanagari vowel signs, decomposed accents).
 */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu)?.length ?? 0;
}

/**
 * Grades one student's posts on an assignment. Deleted posts and posts hidden by an instructor
 * earn nothing. A post made exactly at the due date is on time. Highlights are not posts.
 */
export function gradeStudent({
  studentId,
  posts,
  criteria,
  dueAt,
  override = null,
}: {
  studentId: string;
  posts: readonly GradingPost[];
  criteria: readonly Criterion[];
  dueAt: Date | null;
  override?: Override | null;
}): StudentGrade {
  const counted = posts
    .filter((post) => post.deletedAt === null && post.hiddenAt === null && post.kind !== "HIGHLIGHT")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const onTime = counted.filter((post) => dueAt === null || post.createdAt.getTime() <= dueAt.getTime());

  const results = criteria.map((criterion): CriterionResult => {
    switch (criterion.kind) {
      case "MIN_POSTS_BEFORE_DUE": {
        const isMet = onTime.length >= criterion.minPosts;
        return result(
          criterion,
          isMet,
          onTime.map((post) => post.id),
          `${onTime.length} of ${criterion.minPosts} posts before the due date` +
            (counted.length > onTime.length ? ` (${counted.length - onTime.length} late)` : ""),
        );
      }
      case "QUOTES_TEXT": {
        const evidence = counted.filter((post) => post.kind === "COMMENT").map((post) => post.id);
        return result(criterion, evidence.length > 0, evidence, `${evidence.length} comments on passages`);
      }
      case "REPLIES_TO_CLASSMATE": {
        const evidence = counted
          .filter((post) => post.kind === "REPLY" && post.parentAuthorId !== null && post.parentAuthorId !== studentId)
          .map((post) => post.id);
        return result(criterion, evidence.length > 0, evidence, `${evidence.length} replies to classmates`);
      }
      case "ASKS_QUESTION": {
        const evidence = counted.filter((post) => post.isQuestion && post.kind !== "REPLY").map((post) => post.id);
        return result(criterion, evidence.length > 0, evidence, `${evidence.length} questions`);
      }
      case "MIN_WORDS": {
        const words = counted.reduce((sum, post) => sum + countWords(post.text), 0);
        return result(
          criterion,
          words >= criterion.minWords,
          counted.map((post) => post.id),
          `${words} of ${criterion.minWords} words`,
        );
      }
    }
  });
  const computedScore = results.reduce((sum, item) => sum + item.pointsEarned, 0);
  const maxScore = criteria.reduce((sum, criterion) => sum + criterion.points, 0);
  return {
    studentId,
    results,
    posts: counted.length,
    latePosts: counted.length - onTime.length,
    computedScore,
    maxScore,
    finalScore: override ? override.score : computedScore,
    override,
  };
}

function result(criterion: Criterion, isMet: boolean, evidence: string[], progress: string): CriterionResult {
  return { criterion, isMet, pointsEarned: isMet ? criterion.points : 0, evidence: isMet ? evidence : [], progress };
}
