// The sliding-window limit that both sign-in lock-outs and account emails apply: at most `max`
// events in any `windowMs`. Pure: callers pass the times they counted in PostgreSQL.

/** How many of `times` fall in the window that ends at `now`. */
export function countInWindow(times: readonly Date[], now: Date, windowMs: number): number {
  const windowStart = now.getTime() - windowMs;
  return times.filter((time) => time.getTime() > windowStart && time.getTime() <= now.getTime()).length;
}

/**
 * When the window is no longer full (epoch ms), or null when it holds fewer than `max` of
 * `times`: the moment the oldest time that still counts leaves the window.
 */
export function windowFullUntil(times: readonly Date[], max: number, now: Date, windowMs: number): number | null {
  const windowStart = now.getTime() - windowMs;
  const recent = times
    .map((time) => time.getTime())
    .filter((time) => time > windowStart && time <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length < max) return null;
  return recent[recent.length - max]! + windowMs;
}

/** Whole seconds from `now` until `until` (epoch ms), at least 1: a Retry-After. */
export function secondsUntil(until: number, now: Date): number {
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}
