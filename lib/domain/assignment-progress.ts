// Where a student stands on an assignment (the students' dashboard). Pure: the server counts
// the posts in SQL, this names the status and the time left.

export type AssignmentStatus = "NOT_STARTED" | "IN_PROGRESS" | "COMPLETE" | "LATE";

export const STATUS_LABEL: Record<AssignmentStatus, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  COMPLETE: "Complete",
  LATE: "Late",
};

export type AssignmentProgressInput = {
  opensAt: Date | null;
  dueAt: Date | null;
  minPosts: number;
  /** After the due date: posts are taken and marked late (true, the default) or refused. */
  acceptsLatePosts?: boolean;
  /** The student's posts in the assignment (not highlights, not deleted, not hidden). */
  posts: number;
  /** Of those, the ones made at or before the due date (all of them when there is none). */
  postsOnTime: number;
  now: Date;
};

export type AssignmentProgress = {
  status: AssignmentStatus;
  /** Posts that count toward the minimum, late ones included, and the minimum (at least 1: one post completes an assignment without one). */
  counted: number;
  required: number;
  /** Of the student's posts, those made after the due date. */
  late: number;
  /** "2 days left", "Opens in 1 day", "Past due — late posts are marked late", or null without dates. */
  timeNote: string | null;
  isOpen: boolean;
};

/**
 * Late work counts: a post after the due date is counted toward the minimum and shown as late
 * ("1 of 2 posts (1 late)"), never dropped from the count.
 * COMPLETE: the minimum was reached by the due date. LATE: the due date passed without it (even
 * if the student caught up afterwards). IN_PROGRESS: some posts, not enough yet, still time.
 * NOT_STARTED: no posts and still time. A post made exactly at the due date is on time.
 */
export function assessAssignmentProgress(input: AssignmentProgressInput): AssignmentProgress {
  const counts = postProgress({ posts: input.posts, latePosts: Math.max(0, input.posts - input.postsOnTime) }, input.minPosts);
  const required = counts.required;
  const isPastDue = input.dueAt !== null && input.now.getTime() > input.dueAt.getTime();
  let status: AssignmentStatus;
  if (input.postsOnTime >= required) status = "COMPLETE";
  else if (isPastDue) status = "LATE";
  else if (input.posts > 0) status = "IN_PROGRESS";
  else status = "NOT_STARTED";
  const isOpen = input.opensAt === null || input.opensAt.getTime() <= input.now.getTime();
  return {
    status,
    ...counts,
    timeNote: describeTimeLeft(input),
    isOpen,
  };
}

/** "1 of 2 posts (1 late)": the line every page shows for a student's progress. */
export function describePostCount(progress: Pick<AssignmentProgress, "counted" | "required" | "late">): string {
  const count = `${progress.counted} of ${progress.required} ${progress.required === 1 ? "post" : "posts"}`;
  return progress.late > 0 ? `${count} (${progress.late} late)` : count;
}

/** The same count from a student's posts and late posts (the insights and grades tables). */
export function postProgress({ posts, latePosts }: { posts: number; latePosts: number }, minPosts: number) {
  const required = Math.max(1, minPosts);
  return { counted: Math.min(posts, required), required, late: latePosts };
}

export const PAST_DUE_NOTE = "Past due — late posts are marked late";
export const CLOSED_NOTE = "Closed — late posts are not accepted";

function describeTimeLeft({
  opensAt,
  dueAt,
  now,
  acceptsLatePosts = true,
}: Pick<AssignmentProgressInput, "opensAt" | "dueAt" | "now" | "acceptsLatePosts">): string | null {
  if (opensAt !== null && opensAt.getTime() > now.getTime()) return `Opens in ${describeDuration(opensAt.getTime() - now.getTime())}`;
  if (dueAt === null) return null;
  const left = dueAt.getTime() - now.getTime();
  if (left >= 0) return `${capitalise(describeDuration(left))} left`;
  return acceptsLatePosts ? PAST_DUE_NOTE : CLOSED_NOTE;
}

/** "3 days", "1 hour", "5 minutes", "less than a minute": the largest whole unit. */
export function describeDuration(milliseconds: number): string {
  const minutes = Math.floor(milliseconds / 60_000);
  const units: [number, string][] = [
    [60 * 24, "day"],
    [60, "hour"],
    [1, "minute"],
  ];
  for (const [size, name] of units) {
    const count = Math.floor(minutes / size);
    if (count >= 1) return `${count} ${name}${count === 1 ? "" : "s"}`;
  }
  return "less than a minute";
}

/**
 * Whether a student's new post in an assignment is refused: past the due date of an assignment
 * that does not accept late posts. Staff may always post. A post exactly at the due date is on time.
 */
export function isLatePostRefused({
  dueAt,
  acceptsLatePosts,
  isStaff,
  now,
}: {
  dueAt: Date | null;
  acceptsLatePosts: boolean;
  isStaff: boolean;
  now: Date;
}): boolean {
  return !isStaff && !acceptsLatePosts && dueAt !== null && now.getTime() > dueAt.getTime();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
