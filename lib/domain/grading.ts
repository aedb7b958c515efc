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

/** The criteria decided from the student's posts. */
export type AutomaticCriterion =
  | { kind: "MIN_POSTS_BEFORE_DUE"; minPosts: number; points: number }
  | { kind: "QUOTES_TEXT"; points: number }
  | { kind: "REPLIES_TO_CLASSMATE"; points: number }
  | { kind: "ASKS_QUESTION"; points: number }
  | { kind: "MIN_WORDS"; minWords: number; points: number };

/** An instructor's own criterion, graded by hand (a ManualScore per student, or not graded yet). */
export type CustomCriterion = { kind: "CUSTOM"; id: string; name: string; description: string; points: number };

export type Criterion = AutomaticCriterion | CustomCriterion;

/** A score given by hand on a custom criterion, 0..points, with an optional comment for the student. */
export type ManualScore = { score: number; comment: string | null };

export type CriterionResult = {
  criterion: Criterion;
  /** Automatic: the rule is satisfied. Custom: graded and given every point. */
  isMet: boolean;
  /** False only for a custom criterion nobody has graded yet for this student (it counts 0 meanwhile). */
  isGraded: boolean;
  pointsEarned: number;
  /**
   * The posts that satisfied it (for MIN_POSTS / MIN_WORDS: the posts that counted). For a custom
   * criterion: every post of the student's that counts, for the grader to read.
   */
  evidence: string[];
  /** How far the student got, e.g. "2 of 3 posts" — for students and instructors alike. */
  progress: string;
  /** Custom criteria: the score given by hand, or null while not graded. */
  manual: ManualScore | null;
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
  /** Custom criteria not graded yet for this student (each counts 0 until graded). */
  ungradedCriteria: number;
  /** The final score may still rise: some custom criterion is not graded and no override stands. */
  isPartial: boolean;
};

/** The key of a criterion in a rubric: its kind for the automatic ones, its id for custom ones. */
export function criterionKey(criterion: Criterion): string {
  return criterion.kind === "CUSTOM" ? `custom-${criterion.id}` : criterion.kind;
}

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
  manualScores = {},
}: {
  studentId: string;
  posts: readonly GradingPost[];
  criteria: readonly Criterion[];
  dueAt: Date | null;
  override?: Override | null;
  /** Scores given by hand, by custom criterion id. */
  manualScores?: Readonly<Record<string, ManualScore>>;
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
      case "CUSTOM":
        return manualResult(
          criterion,
          Object.hasOwn(manualScores, criterion.id) ? manualScores[criterion.id]! : null,
          counted.map((post) => post.id),
        );
    }
  });
  return { studentId, results, posts: counted.length, latePosts: counted.length - onTime.length, ...gradeTotals(results, override) };
}

/**
 * The totals of a student's results: the one place a score is added up, for the grades page, the
 * student's page, the CSV and grade passback alike. Points are summed to the hundredth (hand
 * scores may have two decimals); an override replaces the computed score; a custom criterion not
 * graded yet counts 0 and makes the total partial, unless an override stands.
 */
export function gradeTotals(
  results: readonly CriterionResult[],
  override: Override | null,
): Pick<StudentGrade, "computedScore" | "maxScore" | "finalScore" | "override" | "ungradedCriteria" | "isPartial"> {
  const computedScore = roundToHundredths(results.reduce((sum, item) => sum + item.pointsEarned, 0));
  const maxScore = results.reduce((sum, item) => sum + item.criterion.points, 0);
  const ungradedCriteria = results.filter((item) => !item.isGraded).length;
  return {
    computedScore,
    maxScore,
    finalScore: override ? override.score : computedScore,
    override,
    ungradedCriteria,
    isPartial: override === null && ungradedCriteria > 0,
  };
}

/** "3 of 5 points", or how a partial total reads: "7 of 12 (partial: 1 criterion not graded yet)". */
export function describeTotal(grade: Pick<StudentGrade, "computedScore" | "maxScore" | "ungradedCriteria">): string {
  const total = `${formatPoints(grade.computedScore)} of ${grade.maxScore}`;
  if (grade.ungradedCriteria === 0) return total;
  return `${total} (partial: ${grade.ungradedCriteria} ${grade.ungradedCriteria === 1 ? "criterion" : "criteria"} not graded yet)`;
}

/** A score as people write it: 7, 7.5, 7.25. */
export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : String(roundToHundredths(points));
}

function roundToHundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

function result(criterion: AutomaticCriterion, isMet: boolean, evidence: string[], progress: string): CriterionResult {
  return {
    criterion,
    isMet,
    isGraded: true,
    pointsEarned: isMet ? criterion.points : 0,
    evidence: isMet ? evidence : [],
    progress,
    manual: null,
  };
}

/**
 * A custom criterion: the grader's score, capped at the criterion's points (a score given before
 * its points were lowered counts as the new maximum), and every counted post as evidence to read.
 */
function manualResult(criterion: CustomCriterion, manual: ManualScore | null, posts: string[]): CriterionResult {
  if (manual === null) {
    return { criterion, isMet: false, isGraded: false, pointsEarned: 0, evidence: posts, progress: "Not graded yet", manual: null };
  }
  const pointsEarned = Math.min(Math.max(manual.score, 0), criterion.points);
  return {
    criterion,
    isMet: pointsEarned === criterion.points,
    isGraded: true,
    pointsEarned,
    evidence: posts,
    progress: "Graded by hand",
    manual,
  };
}
