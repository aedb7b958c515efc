import { describe, expect, it } from "vitest";
import { describeRetryAfter, evaluateSignInLimit, SIGN_IN_LIMIT_POLICY } from "./sign-in-limit";

const now = new Date("2026-11-28T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("evaluateSignInLimit", () => {
  it("[RATE LIMIT] allows sign-in below the per-email limit", () => {
    const failures = [1, 2, 3, 4].map(minutesAgo);
    expect(evaluateSignInLimit({ now, emailFailures: failures, addressFailures: failures })).toEqual({ isAllowed: true });
  });

  it("[RATE LIMIT] locks an email after five failures, for an address that has failed, until the oldest leaves the 15-minute window", () => {
    const failures = [10, 8, 6, 4, 2].map(minutesAgo);
    const verdict = evaluateSignInLimit({ now, emailFailures: failures, addressFailures: failures });
    expect(verdict).toEqual({ isAllowed: false, retryAfterSeconds: 5 * 60, reason: "email" });
    // Any failure of that address counts, whatever email it was for.
    expect(evaluateSignInLimit({ now, emailFailures: failures, addressFailures: [minutesAgo(14)] }).isAllowed).toBe(false);
  });

  it("[LOCK-OUT] a locked email still lets an address with no recent failure try: the owner is not locked out by someone else's guesses", () => {
    const failures = [10, 8, 6, 4, 2].map(minutesAgo);
    expect(evaluateSignInLimit({ now, emailFailures: failures, addressFailures: [] })).toEqual({ isAllowed: true });
    // A failure older than the window is not recent.
    expect(evaluateSignInLimit({ now, emailFailures: failures, addressFailures: [minutesAgo(16)] })).toEqual({ isAllowed: true });
  });

  it("[LOCK-OUT] guesses from many addresses lock the email for everyone at fifty failures in the window", () => {
    const failures = Array.from({ length: 50 }, (_, index) => minutesAgo(14 - index * 0.25));
    const verdict = evaluateSignInLimit({ now, emailFailures: failures, addressFailures: [] });
    expect(verdict).toEqual({ isAllowed: false, retryAfterSeconds: 60, reason: "email" });
    expect(evaluateSignInLimit({ now, emailFailures: failures.slice(1), addressFailures: [] }).isAllowed).toBe(true);
  });

  it("[RATE LIMIT] failures older than the window do not count", () => {
    const failures = [40, 30, 20, 16, 2].map(minutesAgo);
    expect(evaluateSignInLimit({ now, emailFailures: failures, addressFailures: failures }).isAllowed).toBe(true);
  });

  it("[RATE LIMIT] locks an address after twenty failures, whatever the emails", () => {
    const failures = Array.from({ length: 20 }, (_, index) => minutesAgo(14 - index * 0.5));
    const verdict = evaluateSignInLimit({ now, emailFailures: [], addressFailures: failures });
    expect(verdict.isAllowed).toBe(false);
    if (!verdict.isAllowed) {
      expect(verdict.reason).toBe("address");
      expect(verdict.retryAfterSeconds).toBe(60);
    }
  });

  it("[RATE LIMIT] with both locked, the longer lock wins", () => {
    const emailFailures = [14, 13, 12, 11, 10].map(minutesAgo);
    const addressFailures = Array.from({ length: 20 }, () => minutesAgo(3));
    const verdict = evaluateSignInLimit({ now, emailFailures, addressFailures });
    expect(verdict).toEqual({ isAllowed: false, retryAfterSeconds: 12 * 60, reason: "address" });
  });

  it("[RATE LIMIT] the policy is five per email (fifty from anywhere) and twenty per address over 15 minutes", () => {
    expect(SIGN_IN_LIMIT_POLICY).toEqual({
      windowMs: 900_000,
      maxFailuresPerEmail: 5,
      maxFailuresPerEmailFromAnywhere: 50,
      maxFailuresPerAddress: 20,
    });
  });
});

describe("describeRetryAfter", () => {
  it.each([
    [1, "Try again in 1 minute."],
    [60, "Try again in 1 minute."],
    [61, "Try again in 2 minutes."],
    [900, "Try again in 15 minutes."],
  ])("[RATE LIMIT] %i seconds reads %s", (seconds, text) => {
    expect(describeRetryAfter(seconds)).toBe(text);
  });
});
