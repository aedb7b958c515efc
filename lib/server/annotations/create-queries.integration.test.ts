import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { recordQueries } from "../testing/query-recorder.ts";

// What one new post costs the database (#12): counted, not timed. A create was 15 statements, each
// a round trip that costs the app more CPU than the row costs PostgreSQL.

let fixture: CourseFixture;

beforeAll(async () => {
  fixture = await createCourseFixture("create-queries");
}, 60_000);

afterAll(async () => {
  await fixture.cleanUp();
  await disconnectDb();
});

const comment = (phrase: string, text: string) => ({ kind: "COMMENT" as const, target: fixture.rangeOf(phrase), body: plainBody(text) });
const readsText = (query: string) => query.includes(`"canonicalText"`);

describe("create queries", () => {
  it("[PERF] a student's comment in an assignment: 10 statements, the reading's text read once per version, the post cap checked by PostgreSQL at commit", async () => {
    await fixture.post("studentA1", comment("cooperation", "The first."));
    const { result, queries } = await recordQueries(() => fixture.post("studentA1", comment("short remark", "The second.")));
    expect(result.target?.exact).toBe("short remark");
    expect(queries.length, queries.join("\n")).toBeLessThanOrEqual(10);
    expect(queries.filter(readsText), "the text, kept from the first post").toHaveLength(0);
    // No lock is held across a round trip to the app for the cap: the app takes none (the text's is shared).
    expect(
      queries.some((query) => /pg_advisory_xact_lock\(/.test(query)),
      queries.join("\n"),
    ).toBe(false);
  });

  it("[PERF] a text kept from an older version is read again and the post lands on the current one", async () => {
    await fixture.post("studentA2", comment("cooperation", "Kept."));
    // A newer version than the one kept (as an edit would leave it; the text itself is the same here).
    await getDb().reading.update({ where: { id: fixture.reading.id }, data: { version: { increment: 1 } } });
    const { result, queries } = await recordQueries(() => fixture.post("studentA2", comment("short remark", "After the edit.")));
    expect(result.target?.exact).toBe("short remark");
    expect(queries.filter(readsText), "read again once").toHaveLength(1);
  });
});
