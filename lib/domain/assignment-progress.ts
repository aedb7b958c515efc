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
  /** The student's posts in the assignment (not highlights, not deleted, not hidden). */
  posts: number;
  /** Of those, the ones made at or before the due date (all of them when there is none). */
  postsOnTime: number;
  now: Date;
};

export type AssignmentProgress = {
  status: AssignmentStatus;
  /** Posts that count toward the minimum, and the minimum (at least 1: one post completes an assignment without one). */
  counted: number;
  required: number;
  /** "2 days left", "Due in 3 hours", "Closed 4 days ago", "Opens in 1 day", or null without dates. */
  timeNote: string | null;
  isOpen: boolean;
};

/**
 * COMPLETE: the minimum was reached by the due date. LATE: the due date passed without it (even
 * if the student caught up afterwards). IN_PROGRESS: some posts, not enough yet, still time.
 * NOT_STARTED: no posts and still time. A post made exactly at the due date is on time.
 */
export function assessAssignmentProgress(input: AssignmentProgressInput): AssignmentProgress {
  const required = Math.max(1, input.minPosts);
  const isPastDue = input.dueAt !== null && input.now.getTime() > input.dueAt.getTime();
  let status: AssignmentStatus;
  if (input.postsOnTime >= required) status = "COMPLETE";
  else if (isPastDue) status = "LATE";
  else if (input.posts > 0) status = "IN_PROGRESS";
  else status = "NOT_STARTED";
  const isOpen = input.opensAt === null || input.opensAt.getTime() <= input.now.getTime();
  return {
    status,
    counted: Math.min(isPastDue ? input.postsOnTime : input.posts, required),
    required,
    timeNote: describeTimeLeft(input),
    isOpen,
  };
}

function describeTimeLeft({ opensAt, dueAt, now }: Pick<AssignmentProgressInput, "opensAt" | "dueAt" | "now">): string | null {
  if (opensAt !== null && opensAt.getTime() > now.getTime()) return `Opens in ${describeDuration(opensAt.getTime() - now.getTime())}`;
  if (dueAt === null) return null;
  const left = dueAt.getTime() - now.getTime();
  if (left >= 0) return `${capitalise(describeDuration(left))} left`;
  return `Closed ${describeDuration(-left)} ago`;
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
