// How much one person may write, and how a refusal reads. Pure: the server keeps the counts in
// PostgreSQL (lib/server/quotas) and takes its figures from the environment (lib/server/env.ts).

/** A rate: at most `limit` in any `periodMs`, refilling evenly (so a burst of `limit`, then one per `periodMs / limit`). */
export type RatePolicy = { limit: number; periodMs: number };

/** Writes (every POST, PUT, PATCH and DELETE of the API and every form) per person per minute. */
export const DEFAULT_WRITES_PER_MINUTE = 60;
/**
 * Posts (highlights, comments, paragraph posts, replies) one person may have on one reading in
 * one context (a course, or their own notes). A diligent reader of a long text stays far below;
 * one account cannot make a classmate's page or an export grow without bound.
 */
export const DEFAULT_MAX_POSTS_PER_READING = 500;
/** Unknown or revoked API tokens from one client address, before its token requests are refused for a while. */
export const API_TOKEN_FAILURE_POLICY: RatePolicy = { limit: 30, periodMs: 15 * 60_000 };

export function writeRatePolicy(writesPerMinute: number): RatePolicy {
  return { limit: writesPerMinute, periodMs: 60_000 };
}

/** "5 seconds", "1 minute", "3 minutes": how long to wait, rounded up, for people. */
export function describeWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return whole === 1 ? "1 second" : `${whole} seconds`;
  const minutes = Math.ceil(whole / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export function writeRateMessage(writesPerMinute: number, retryAfterSeconds: number): string {
  return `You are saving faster than Scholia allows (${writesPerMinute} changes a minute). Nothing was saved: wait ${describeWait(retryAfterSeconds)}, then try again.`;
}

export function postCapMessage(maxPosts: number, isCourse: boolean): string {
  return `You already have ${maxPosts} ${maxPosts === 1 ? "post" : "posts"} on this reading ${isCourse ? "in this course" : "in your notes"}, the most one person may have. Nothing was saved: delete some before adding more.`;
}

export function apiTokenFailureMessage(retryAfterSeconds: number): string {
  return `Too many requests from your address with unknown or revoked API tokens. Wait ${describeWait(retryAfterSeconds)}, then try again with a valid token.`;
}
