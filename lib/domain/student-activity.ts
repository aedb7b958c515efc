// Per-student activity on an assignment (the insights table): the row shape, whether a student
// was on time, and the sorting the table offers through query parameters (so it works without
// JavaScript). The numbers themselves come from SQL aggregates on the server.

export type StudentActivity = {
  studentId: string;
  name: string;
  email: string;
  groupName: string | null;
  /** Comments on passages and paragraph posts (thread starters with a body). */
  posts: number;
  replies: number;
  highlights: number;
  /** Thread starters marked as questions. */
  questions: number;
  /** Words in the bodies of posts and replies (see lib/server/insights/word-count-sql.ts). */
  words: number;
  firstActivityAt: Date | null;
  lastActivityAt: Date | null;
  /** Posts and replies made after the due date (0 without a due date). */
  latePosts: number;
  /** Paragraph positions the student wrote on, for links to their posts in context. */
  paragraphs: number[];
};

export type ActivityStatus = "NO_POSTS" | "ON_TIME" | "LATE";

export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = { NO_POSTS: "No posts yet", ON_TIME: "On time", LATE: "Late" };

/** Late when any post or reply came after the due date; highlights alone are not posts. */
export function activityStatus(row: Pick<StudentActivity, "posts" | "replies" | "latePosts">): ActivityStatus {
  if (row.posts + row.replies === 0) return "NO_POSTS";
  return row.latePosts > 0 ? "LATE" : "ON_TIME";
}

export const ACTIVITY_SORT_KEYS = [
  "name",
  "group",
  "posts",
  "replies",
  "highlights",
  "questions",
  "words",
  "first",
  "last",
  "status",
] as const;
export type ActivitySortKey = (typeof ACTIVITY_SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export type ActivitySort = { key: ActivitySortKey; direction: SortDirection };

export const DEFAULT_ACTIVITY_SORT: ActivitySort = { key: "name", direction: "asc" };

/** `?sort=words&dir=desc` → the sort; anything unknown falls back to the default (never an error). */
export function parseActivitySort(query: Record<string, string | string[] | undefined>): ActivitySort {
  const key = ACTIVITY_SORT_KEYS.find((candidate) => candidate === query.sort) ?? DEFAULT_ACTIVITY_SORT.key;
  const direction: SortDirection =
    query.dir === "desc" ? "desc" : query.dir === "asc" ? "asc" : key === "name" || key === "group" ? "asc" : "desc";
  return { key, direction };
}

const STATUS_ORDER: Record<ActivityStatus, number> = { NO_POSTS: 0, LATE: 1, ON_TIME: 2 };

function sortValue(row: StudentActivity, key: ActivitySortKey): string | number | null {
  switch (key) {
    case "name":
      return row.name.toLocaleLowerCase();
    case "group":
      return row.groupName?.toLocaleLowerCase() ?? null;
    case "first":
      return row.firstActivityAt?.getTime() ?? null;
    case "last":
      return row.lastActivityAt?.getTime() ?? null;
    case "status":
      return STATUS_ORDER[activityStatus(row)];
    default:
      return row[key];
  }
}

/**
 * A sorted copy. Missing values (no group, no activity yet) go last in either direction; ties
 * keep a stable order by name, then id, so the table does not shuffle between requests.
 */
export function sortStudentActivity(rows: readonly StudentActivity[], sort: ActivitySort): StudentActivity[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, sort.key);
    const right = sortValue(b, sort.key);
    if (left !== right) {
      if (left === null) return 1;
      if (right === null) return -1;
      const compared = typeof left === "string" && typeof right === "string" ? left.localeCompare(right) : left < right ? -1 : 1;
      if (compared !== 0) return compared * sign;
    }
    return a.name.localeCompare(b.name) || a.studentId.localeCompare(b.studentId);
  });
}
