// The job queues behind email (pg-boss, in PostgreSQL schema "pgboss") and their retry policy.
// Installed with the migrations (scripts/lib/job-queue.ts) so every instance and every test
// database runs the same policy; tests may shorten a queue's delays on their own database.

export const MAIL_QUEUE = "mail";
/** Where pg-boss moves a mail job whose retries are used up: the operator's list of dead mail. */
export const MAIL_DEAD_QUEUE = "mail-dead";
/** A job every few minutes that finds digests and reminders that are due. */
export const MAIL_TICK_QUEUE = "mail-tick";
export const MAIL_TICK_CRON = "*/5 * * * *";

export type QueuePolicy = {
  retryLimit: number;
  /** Seconds before the first retry; doubled at each next one (with up to 100% jitter). */
  retryDelay: number;
  retryBackoff: boolean;
  /** A job still active after this long is taken as lost (its worker died) and retried. */
  expireInSeconds: number;
  retentionDays: number;
};

/**
 * Sending: a failed attempt (SMTP down, refused) is retried after 30–60 s, then 1–2 min, 2–4 min
 * … twelve times, which rides out an SMTP outage of at least a day and a half (see
 * minimumRetryWindowSeconds) before the mail is declared dead. An attempt is bounded well
 * under two minutes (connection, greeting and socket timeouts of the transport), so a job
 * active for longer belonged to a worker that crashed.
 */
export const MAIL_QUEUE_POLICY: QueuePolicy = {
  retryLimit: 12,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 120,
  retentionDays: 14,
};
export const MAIL_DEAD_QUEUE_POLICY: QueuePolicy = {
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 60,
  retentionDays: 30,
};
export const MAIL_TICK_QUEUE_POLICY: QueuePolicy = {
  retryLimit: 1,
  retryDelay: 30,
  retryBackoff: false,
  expireInSeconds: 240,
  retentionDays: 1,
};

/**
 * The wait before retry number `retry` (1 = the first retry), as pg-boss computes it with
 * backoff: delay × 2^(retry-1), plus up to as much again of random jitter.
 */
export function retryDelayRange(policy: QueuePolicy, retry: number): { minSeconds: number; maxSeconds: number } {
  if (!policy.retryBackoff) return { minSeconds: policy.retryDelay, maxSeconds: policy.retryDelay };
  const base = (Math.max(policy.retryDelay, 1) * 2 ** Math.min(16, retry)) / 2;
  return { minSeconds: base, maxSeconds: base * 2 };
}

/** How long, at the least, a message keeps being retried before it is dead. */
export function minimumRetryWindowSeconds(policy: QueuePolicy): number {
  let total = 0;
  for (let retry = 1; retry <= policy.retryLimit; retry += 1) total += retryDelayRange(policy, retry).minSeconds;
  return total;
}
