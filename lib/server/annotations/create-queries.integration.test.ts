import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { recordQueries } from "../testing/query-recorder.ts";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { createAnnotation } from "./create-annotation.ts";
import { createReply } from "./create-reply.ts";

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
  it("[PERF] a student's comment in an assignment: 7 statements, the reading's text read once per version, the post cap checked by PostgreSQL at commit", async () => {
    await fixture.post("studentA1", comment("cooperation", "The first."));
    // As the API calls it: with the session's name for the author.
    const { result, queries } = await recordQueries(() =>
      createAnnotation({
        actorId: fixture.users.studentA1.id,
        actorName: fixture.users.studentA1.name,
        input: createAnnotationInputSchema.parse({
          ...comment("short remark", "The second."),
          courseId: fixture.courseId,
          readingId: fixture.reading.id,
        }),
      }),
    );
    expect(result.target?.exact).toBe("short remark");
    expect(result.author).toEqual(fixture.users.studentA1);
    const paragraph = await getDb().paragraph.findFirstOrThrow({
      where: { readingId: fixture.reading.id, retiredInVersion: null, text: { contains: "short remark" } },
      select: { position: true },
    });
    expect(result.paragraphPosition).toBe(paragraph.position);
    // The actor with their post-first gates (one statement), the assignment, then BEGIN, the text's
    // lock with the cap, the INSERT … RETURNING, the event with the text's version, COMMIT.
    expect(queries.length, queries.join("\n")).toBeLessThanOrEqual(7);
    const afterInsert = queries.slice(queries.findIndex((query) => query.includes('INSERT INTO "public"."Annotation"')) + 1);
    expect(
      afterInsert.filter((query) => query.includes('FROM "public"."Annotation"')),
      "the new row is not read back",
    ).toEqual([]);
    expect(queries.filter(readsText), "the text, kept from the first post").toHaveLength(0);
    // No lock is held across a round trip to the app for the cap: the app takes none (the text's is shared).
    expect(
      queries.some((query) => /pg_advisory_xact_lock\(/.test(query)),
      queries.join("\n"),
    ).toBe(false);
  });

  it("[PERF] a reply: the parent read once with its thread's facts, the reply inserted and returned in one statement", async () => {
    const parent = await fixture.post("studentA1", comment("cooperation", "A thread."));
    const { result, queries } = await recordQueries(() =>
      createReply({
        actorId: fixture.users.studentA2.id,
        actorName: fixture.users.studentA2.name,
        parentId: parent.id,
        body: plainBody("An answer."),
      }),
    );
    expect(result).toMatchObject({
      parentId: parent.id,
      rootId: parent.id,
      author: fixture.users.studentA2,
      parentAuthorName: fixture.users.studentA1.name,
    });
    expect(result.paragraphPosition).toBe(parent.paragraphPosition);
    const afterInsert = queries.slice(queries.findIndex((query) => query.includes('INSERT INTO "public"."Annotation"')) + 1);
    expect(
      afterInsert.filter((query) => query.includes('FROM "public"."Annotation"')),
      "the new reply is not read back",
    ).toEqual([]);
    // The actor, the parent, the assignment's due rules, BEGIN, the cap, the INSERT … RETURNING,
    // the readers among the recipients, the parent's author's notification and its mail job, the
    // event, COMMIT. (It was 14: the actor's gates, the parent's thread facts and the new row were read again.)
    expect(queries.length, queries.join("\n")).toBeLessThanOrEqual(11);
  });

  it("[PERF] a text kept from an older version is read again and the post lands on the current one", async () => {
    await fixture.post("studentA2", comment("cooperation", "Kept."));
    // A newer version than the one kept (as an edit would leave it; the text itself is the same here).
    await getDb().reading.update({ where: { id: fixture.reading.id }, data: { version: { increment: 1 } } });
    const { result, queries } = await recordQueries(() => fixture.post("studentA2", comment("short remark", "After the edit.")));
    expect(result.target?.exact).toBe("short remark");
    expect(queries.filter(readsText), "read again once").toHaveLength(1);
    // The first try, placed on the kept text, was rolled back with its event: one post, one event.
    expect(queries.filter((query) => query === "ROLLBACK" || /^ROLLBACK\b/.test(query)).length, queries.join("\n")).toBe(1);
    const rows = await getDb().annotation.findMany({
      where: { readingId: fixture.reading.id, bodyText: "After the edit." },
      select: { id: true },
    });
    expect(rows).toEqual([{ id: result.id }]);
    expect(await getDb().annotationEvent.count({ where: { annotationId: { in: [result.id] } } })).toBe(1);
  });
});
