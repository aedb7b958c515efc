import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { consumeRateLimit } from "./consume-rate-limit.ts";
import { findRateLimitWait } from "./find-rate-limit-wait.ts";

// The cap is read from the environment once per process (lib/server/env.ts); this file's is small.
const MAX_POSTS = 4;
process.env.SCHOLIA_MAX_POSTS_PER_READING = String(MAX_POSTS);

let fixture: CourseFixture;

beforeAll(async () => {
  fixture = await createCourseFixture("quotas");
});

afterAll(async () => {
  await fixture.cleanUp();
  await getDb().rateLimitBucket.deleteMany({ where: { key: { startsWith: "test:quotas:" } } });
});

const freshKey = () => `test:quotas:${randomUUID()}`;

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("rate limits in PostgreSQL (GCRA)", () => {
  it("[QUOTA] a limit lets its whole burst through at once, then refuses with a wait of one step", async () => {
    const key = freshKey();
    const policy = { limit: 5, periodMs: 60_000 };
    for (let i = 0; i < 5; i += 1) expect(await consumeRateLimit(key, policy)).toEqual({ isAllowed: true });
    const refused = await consumeRateLimit(key, policy);
    expect(refused.isAllowed).toBe(false);
    // One step is 12 s: the next unit is free again within it.
    if (!refused.isAllowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(11);
    if (!refused.isAllowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(12);
    expect(await findRateLimitWait(key, policy)).toBeGreaterThanOrEqual(11);
  });

  it("[QUOTA] a refused unit changes nothing: the wait does not grow with more attempts", async () => {
    const key = freshKey();
    const policy = { limit: 2, periodMs: 600_000 };
    await consumeRateLimit(key, policy);
    await consumeRateLimit(key, policy);
    const first = await findRateLimitWait(key, policy);
    for (let i = 0; i < 10; i += 1) expect((await consumeRateLimit(key, policy)).isAllowed).toBe(false);
    expect(await findRateLimitWait(key, policy)).toBeLessThanOrEqual(first!);
  });

  it("[QUOTA] parallel requests on many connections are counted exactly", async () => {
    const key = freshKey();
    const policy = { limit: 7, periodMs: 60_000 };
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(key, policy)));
    expect(verdicts.filter((verdict) => verdict.isAllowed)).toHaveLength(7);
  });

  it("[QUOTA] an unused limit has no wait", async () => {
    expect(await findRateLimitWait(freshKey(), { limit: 1, periodMs: 1_000 })).toBeNull();
  });
});

describe("the per-reading cap on posts", () => {
  it("[QUOTA] one person's posts on a reading in a course stop at the cap, replies included, with a message; other contexts and people are not affected", async () => {
    const first = await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("one") });
    await fixture.reply("studentA1", first.id, "two");
    await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("three") });
    await fixture.post("studentA1", { kind: "HIGHLIGHT", target: fixture.rangeOf("third paragraph") });
    expect(await refusal(fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("five") }))).toEqual(
      {
        code: "CONFLICT",
        message: expect.stringContaining(`You already have ${MAX_POSTS} posts on this reading in this course`),
      },
    );
    expect((await refusal(fixture.reply("studentA1", first.id, "five"))).code).toBe("CONFLICT");
    // Another person, and the same person's own notes, have their own room.
    await fixture.reply("studentA2", first.id, "a classmate's answer");
    await fixture.post("studentA1", { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("a note") });
    const rows = await getDb().annotation.count({
      where: { authorId: fixture.users.studentA1.id, readingId: fixture.reading.id, courseId: fixture.courseId },
    });
    expect(rows).toBe(MAX_POSTS);
  });

  it("[QUOTA] parallel posts cannot pass the cap together", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 1 + (i % 3) }, body: plainBody(`parallel ${i}`) }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(MAX_POSTS);
    expect(await getDb().annotation.count({ where: { authorId: fixture.users.studentB.id, readingId: fixture.reading.id } })).toBe(
      MAX_POSTS,
    );
  });
});
