import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { createCourseFixture, plainBody, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { recordQueries } from "../testing/query-recorder.ts";
import { loadReadingPageFor } from "../testing/reading-workspace.ts";

// What a signed-in reading page costs must not grow with the annotations on the reading (#12):
// the same statements whether the reading holds 10 annotations or 500, on a cold cache (the
// first load of an audience) and a warm one. Counted, not timed: timing belongs in the bench.

const STUDENTS: Person[] = ["studentA1", "studentA2", "studentB", "studentNoGroup"];
let small: CourseFixture;
let large: CourseFixture;

/** `count` annotations straight into the table, of every kind and visibility a page shows, a fifth of them replies. */
async function seedAnnotations(fixture: CourseFixture, count: number): Promise<void> {
  const db = getDb();
  const paragraphs = await db.paragraph.findMany({
    where: { readingId: fixture.reading.id, retiredInVersion: null },
    orderBy: { position: "asc" },
    select: { id: true, startOffset: true, text: true },
  });
  const assignment = await db.assignment.findFirstOrThrow({ where: { courseId: fixture.courseId, readingId: fixture.reading.id } });
  const rows: Prisma.AnnotationCreateManyInput[] = [];
  const roots: { id: string; paragraphId: string; visibility: "COURSE" | "GROUP" | "PRIVATE"; groupId: string | null }[] = [];
  for (let index = 0; index < count; index += 1) {
    const author = STUDENTS[index % STUDENTS.length]!;
    const paragraph = paragraphs[index % paragraphs.length]!;
    const id = `${fixture.prefix}-a${index}`;
    const groupId = author === "studentB" ? fixture.groupB : author === "studentNoGroup" ? null : fixture.groupA;
    const parent = index % 5 === 4 ? roots[index % roots.length] : undefined;
    if (parent) {
      rows.push({
        id,
        kind: "REPLY" as const,
        authorId: fixture.users[author].id,
        readingId: fixture.reading.id,
        paragraphId: parent.paragraphId,
        courseId: fixture.courseId,
        assignmentId: assignment.id,
        groupId: parent.groupId,
        visibility: parent.visibility,
        parentId: parent.id,
        rootId: parent.id,
        body: plainBody(`Reply ${index}.`),
        bodyText: `Reply ${index}.`,
        bodyHtml: `<p>Reply ${index}.</p>`,
      });
      continue;
    }
    const visibility: "COURSE" | "GROUP" | "PRIVATE" = index % 7 === 0 ? "PRIVATE" : index % 3 === 0 && groupId ? "GROUP" : "COURSE";
    const kind = (["HIGHLIGHT", "COMMENT", "PARAGRAPH_POST"] as const)[index % 3]!;
    const start = paragraph.startOffset + (index % 20);
    const isRange = kind !== "PARAGRAPH_POST";
    rows.push({
      id,
      kind,
      authorId: fixture.users[author].id,
      readingId: fixture.reading.id,
      paragraphId: paragraph.id,
      courseId: fixture.courseId,
      assignmentId: assignment.id,
      groupId: visibility === "GROUP" ? groupId : null,
      visibility,
      startOffset: isRange ? start : null,
      endOffset: isRange ? start + 12 : null,
      quoteExact: isRange ? paragraph.text.slice(start - paragraph.startOffset, start - paragraph.startOffset + 12) : null,
      color: kind === "PARAGRAPH_POST" ? null : "yellow",
      hiddenAt: index % 11 === 0 ? new Date() : null,
      ...(kind === "HIGHLIGHT" ? {} : { body: plainBody(`Post ${index}.`), bodyText: `Post ${index}.`, bodyHtml: `<p>Post ${index}.</p>` }),
    });
    if (visibility !== "PRIVATE" && kind !== "HIGHLIGHT")
      roots.push({ id, paragraphId: paragraph.id, visibility, groupId: visibility === "GROUP" ? groupId : null });
  }
  await db.annotation.createMany({ data: rows });
}

beforeAll(async () => {
  small = await createCourseFixture("queries-10");
  large = await createCourseFixture("queries-500");
  await seedAnnotations(small, 10);
  await seedAnnotations(large, 500);
  // Post first on both: a gated student's page decides the closed paragraphs too.
  await getDb().assignment.updateMany({
    where: { courseId: { in: [small.courseId, large.courseId] } },
    data: { postFirst: true },
  });
}, 120_000);

afterAll(async () => {
  await small.cleanUp();
  await large.cleanUp();
  await disconnectDb();
});

async function pageQueries(fixture: CourseFixture, person: Person): Promise<string[]> {
  const { result, queries } = await recordQueries(() => loadReadingPageFor(fixture.users[person].id, fixture.reading.id, fixture.courseId));
  expect(result, person).not.toBeNull();
  return queries;
}

describe("reading page queries", () => {
  it("[PERF] a signed-in page load makes as many queries on a reading with 500 annotations as with 10, cold and warm", async () => {
    for (const person of ["studentA1", "instructor", "studentB"] as const) {
      const coldSmall = await pageQueries(small, person);
      const coldLarge = await pageQueries(large, person);
      const warmSmall = await pageQueries(small, person);
      const warmLarge = await pageQueries(large, person);
      expect(coldLarge.length, `${person}, cold: ${coldLarge.join("\n")}`).toBe(coldSmall.length);
      expect(warmLarge.length, `${person}, warm: ${warmLarge.join("\n")}`).toBe(warmSmall.length);
      // A warm audience layer only asks the event log what changed: no more than a cold load.
      expect(warmLarge.length, person).toBeLessThanOrEqual(coldLarge.length);
      // The budget the page holds today (see the README's performance section): a regression shows here first.
      expect(warmLarge.length, `${person}: ${warmLarge.join("\n")}`).toBeLessThanOrEqual(13);
    }
  }, 120_000);
});
