import { describe, expect, it } from "vitest";
import { MAIL_QUEUE_POLICY, minimumRetryWindowSeconds, retryDelayRange } from "./mail-queue-policy.ts";

describe("the mail queue's retry policy", () => {
  it("[OUTAGE] the first retry comes within a minute, each next one waits twice as long", () => {
    expect(retryDelayRange(MAIL_QUEUE_POLICY, 1)).toEqual({ minSeconds: 30, maxSeconds: 60 });
    expect(retryDelayRange(MAIL_QUEUE_POLICY, 2)).toEqual({ minSeconds: 60, maxSeconds: 120 });
    expect(retryDelayRange(MAIL_QUEUE_POLICY, 5)).toEqual({ minSeconds: 480, maxSeconds: 960 });
  });

  it("[OUTAGE] an SMTP outage of a minute costs a mail one or two retries; it is declared dead only after more than a day", () => {
    // A minute down: the retries due within it are the first two at most (30–60 s, then 60–120 s).
    expect(retryDelayRange(MAIL_QUEUE_POLICY, 1).minSeconds + retryDelayRange(MAIL_QUEUE_POLICY, 2).minSeconds).toBeGreaterThan(60);
    expect(minimumRetryWindowSeconds(MAIL_QUEUE_POLICY)).toBeGreaterThan(24 * 60 * 60);
    expect(MAIL_QUEUE_POLICY.retryLimit).toBe(12);
  });

  it("[CRASH] a job is taken for lost only after any SMTP attempt would have timed out", () => {
    // The transport's connection, greeting and socket timeouts add up to 50 s.
    expect(MAIL_QUEUE_POLICY.expireInSeconds).toBeGreaterThan(50);
  });
});
