import { describe, expect, it } from "vitest";
import { accountRequestLimit, evaluateAccountRequestLimit, isAccountLinkUsable } from "./account-requests.ts";

const now = new Date("2026-12-05T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("account request limits", () => {
  const limit = accountRequestLimit("password-reset");

  it("[LIMIT] a reset is allowed below three requests for the email and ten for the address in the hour", () => {
    expect(evaluateAccountRequestLimit({ now, emailRequests: [minutesAgo(1), minutesAgo(2)], addressRequests: [], limit })).toEqual({
      isAllowed: true,
    });
  });

  it("[LIMIT] the fourth request for one email within the hour is limited by email until the oldest leaves the window", () => {
    const verdict = evaluateAccountRequestLimit({
      now,
      emailRequests: [minutesAgo(50), minutesAgo(10), minutesAgo(5)],
      addressRequests: [],
      limit,
    });
    expect(verdict).toEqual({ isAllowed: false, reason: "email", retryAfterSeconds: 10 * 60 });
  });

  it("[LIMIT] requests older than the window do not count", () => {
    const verdict = evaluateAccountRequestLimit({
      now,
      emailRequests: [minutesAgo(61), minutesAgo(90), minutesAgo(5)],
      addressRequests: [],
      limit,
    });
    expect(verdict.isAllowed).toBe(true);
  });

  it("[LIMIT] the address limit wins over the email limit: the client is told, whatever the email", () => {
    const addressRequests = Array.from({ length: 10 }, (_, index) => minutesAgo(30 - index));
    const verdict = evaluateAccountRequestLimit({
      now,
      emailRequests: [minutesAgo(1), minutesAgo(2), minutesAgo(3)],
      addressRequests,
      limit,
    });
    expect(verdict).toEqual({ isAllowed: false, reason: "address", retryAfterSeconds: 30 * 60 });
  });

  it("[LIMIT] sign-ups per address follow the configured number", () => {
    expect(accountRequestLimit("sign-up", 2).maxPerAddress).toBe(2);
    const verdict = evaluateAccountRequestLimit({
      now,
      emailRequests: [],
      addressRequests: [minutesAgo(3), minutesAgo(2)],
      limit: accountRequestLimit("sign-up", 2),
    });
    expect(verdict).toMatchObject({ isAllowed: false, reason: "address" });
  });
});

describe("account links", () => {
  it("[LINK] a link is usable until it is used or expires", () => {
    expect(isAccountLinkUsable({ usedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe(true);
    expect(isAccountLinkUsable({ usedAt: null, expiresAt: now }, now)).toBe(false);
    expect(isAccountLinkUsable({ usedAt: minutesAgo(1), expiresAt: new Date(now.getTime() + 60_000) }, now)).toBe(false);
  });
});
