// The density bar beside the reading's text (components/reading-view.tsx): what each of its marks says.

import { formatPostCount } from "./discussion.ts";
import { HEAT_LEVEL_NAMES } from "./heat-scale.ts";

/** "1 open question", "3 open questions". */
export function formatOpenQuestionCount(count: number): string {
  return `${count} open ${count === 1 ? "question" : "questions"}`;
}

/**
 * A mark's accessible name: the paragraph, its posts, its open questions when it has any, and how
 * busy it is next to the busiest paragraph ("Paragraph 4: 3 posts, 1 open question (busy)").
 */
export function describeDensityMark({
  position,
  posts,
  openQuestions,
  level,
}: {
  position: number;
  posts: number;
  openQuestions: number;
  /** heatLevel(posts, busiest): 1..HEAT_LEVELS-1. */
  level: number;
}): string {
  const questions = openQuestions > 0 ? `, ${formatOpenQuestionCount(openQuestions)}` : "";
  return `Paragraph ${position}: ${formatPostCount(posts)}${questions} (${HEAT_LEVEL_NAMES[level] ?? HEAT_LEVEL_NAMES[0]})`;
}
