import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadAnnotation, canReadAnnotationContent, type Role, type Visibility } from "../../domain/permissions.ts";
import { disconnectDb, getDb } from "../db.ts";
import { type Prisma } from "../generated/prisma/client.ts";
import { annotationReadScope, loadActorContext } from "./annotation-scope.ts";
import { annotationContentScopeSql, annotationReadScopeSql } from "./annotation-scope-sql.ts";
import { createPeople } from "../testing/people.ts";

// The SQL scope must be the Prisma scope, row for row: this file does not restate the rule, it
// compares the two builders for every actor of a permission matrix (so a rule added to one and
// not the other fails here). Its own users, courses and reading, under a random prefix.
const prefix = `sqlscope-${randomUUID().slice(0, 8)}`;

const PEOPLE = ["instructor", "ta", "studentA", "studentA2", "studentB", "studentNoGroup", "outsider", "loner"] as const;
type Person = (typeof PEOPLE)[number];

type Seed = {
  author: Person;
  course: "main" | "other" | null;
  group: "A" | "B" | null;
  visibility: Visibility;
  isHidden?: boolean;
  isDeleted?: boolean;
};

// Every combination that decides something: each visibility in and out of a group, hidden and
// deleted posts, personal notes, another course.
const SEEDS: Seed[] = [];
for (const author of ["instructor", "ta", "studentA", "studentB", "studentNoGroup"] as const) {
  for (const visibility of ["PRIVATE", "GROUP", "COURSE"] as const) {
    for (const group of [null, "A", "B"] as const) {
      SEEDS.push({ author, course: "main", group, visibility });
      SEEDS.push({ author, course: "main", group, visibility, isHidden: true });
    }
    SEEDS.push({ author, course: "main", group: "A", visibility, isDeleted: true });
  }
}
SEEDS.push(
  { author: "studentA", course: null, group: null, visibility: "PRIVATE" },
  { author: "loner", course: null, group: null, visibility: "PRIVATE" },
  { author: "outsider", course: "other", group: null, visibility: "COURSE" },
  { author: "outsider", course: "other", group: null, visibility: "GROUP" },
  { author: "studentNoGroup", course: "other", group: null, visibility: "COURSE", isHidden: true },
);

const userIds = {} as Record<Person, string>;
const courseIds: string[] = [];
let readingId = "";
let paragraphId = "";

beforeAll(async () => {
  const db = getDb();
  const people = await createPeople(prefix, PEOPLE, { nameOf: (person) => person });
  for (const person of PEOPLE) userIds[person] = people[person].id;
  const main = await db.course.create({ data: { title: `${prefix} main` } });
  const other = await db.course.create({ data: { title: `${prefix} other` } });
  courseIds.push(main.id, other.id);
  const groupIds = {
    A: (await db.group.create({ data: { courseId: main.id, name: "A" } })).id,
    B: (await db.group.create({ data: { courseId: main.id, name: "B" } })).id,
  };
  const memberships: { person: Person; courseId: string; role: Role; groupId: string | null }[] = [
    { person: "instructor", courseId: main.id, role: "INSTRUCTOR", groupId: null },
    { person: "ta", courseId: main.id, role: "TA", groupId: null },
    { person: "studentA", courseId: main.id, role: "STUDENT", groupId: groupIds.A },
    { person: "studentA2", courseId: main.id, role: "STUDENT", groupId: groupIds.A },
    { person: "studentB", courseId: main.id, role: "STUDENT", groupId: groupIds.B },
    { person: "studentNoGroup", courseId: main.id, role: "STUDENT", groupId: null },
    { person: "studentNoGroup", courseId: other.id, role: "STUDENT", groupId: null },
    { person: "outsider", courseId: other.id, role: "TA", groupId: null },
  ];
  await db.membership.createMany({ data: memberships.map(({ person, ...rest }) => ({ userId: userIds[person], ...rest })) });
  const text = "A paragraph for the scope comparison.";
  const reading = await db.reading.create({
    data: {
      slug: `${prefix}-reading`,
      title: "Scope test",
      canonicalText: text,
      paragraphs: { create: [{ position: 1, key: `${prefix}-p1`, text, startOffset: 0 }] },
    },
    include: { paragraphs: true },
  });
  readingId = reading.id;
  paragraphId = reading.paragraphs[0]!.id;
  const courseOf = { main: main.id, other: other.id };
  await db.annotation.createMany({
    data: SEEDS.map((seed, index) => ({
      kind: "PARAGRAPH_POST" as const,
      authorId: userIds[seed.author],
      readingId,
      paragraphId,
      courseId: seed.course ? courseOf[seed.course] : null,
      groupId: seed.group ? groupIds[seed.group] : null,
      visibility: seed.visibility,
      bodyText: `post ${index}`,
      hiddenAt: seed.isHidden ? new Date() : null,
      deletedAt: seed.isDeleted ? new Date() : null,
    })),
  });
});

afterAll(async () => {
  const db = getDb();
  await db.reading.deleteMany({ where: { id: readingId } });
  await db.course.deleteMany({ where: { id: { in: courseIds } } });
  await db.user.deleteMany({ where: { id: { in: Object.values(userIds) } } });
  await disconnectDb();
});

async function idsBySql(condition: Prisma.Sql): Promise<string[]> {
  const rows = await getDb().$queryRaw<
    { id: string }[]
  >`SELECT "a"."id" FROM "Annotation" AS "a" WHERE "a"."readingId" = ${readingId} AND ${condition}`;
  return rows.map((row) => row.id).sort();
}

describe("annotationReadScopeSql", () => {
  it.each(PEOPLE.map((person) => [person] as const))(
    "[VISIBILITY] for %s, the SQL scope returns exactly the Prisma scope's rows",
    async (person) => {
      const actor = await loadActorContext(userIds[person]);
      const viaPrisma = await getDb().annotation.findMany({
        where: { AND: [annotationReadScope(actor), { readingId }] },
        select: { id: true },
      });
      const viaSql = await idsBySql(annotationReadScopeSql(actor, "a"));
      expect(viaSql).toEqual(viaPrisma.map((row) => row.id).sort());
      // The matrix is only a check if it tells people apart.
      expect(viaSql.length).toBeGreaterThan(0);
      expect(viaSql.length).toBeLessThan(SEEDS.length);
    },
  );

  it.each(PEOPLE.map((person) => [person] as const))(
    "[VISIBILITY] for %s, the SQL content scope is canReadAnnotationContent",
    async (person) => {
      const actor = await loadActorContext(userIds[person]);
      const all = await getDb().annotation.findMany({ where: { readingId } });
      const expected = all
        .filter((row) => canReadAnnotationContent(actor, row))
        .map((row) => row.id)
        .sort();
      expect(await idsBySql(annotationContentScopeSql(actor, "a"))).toEqual(expected);
    },
  );

  it("[POST FIRST] the SQL scope applies a post-first gate exactly as the Prisma scope and canReadAnnotation do", async () => {
    const db = getDb();
    const [mainCourseId] = courseIds;
    const assignment = await db.assignment.create({
      data: { courseId: mainCourseId!, readingId, title: `${prefix} gate` },
      select: { id: true },
    });
    await db.annotation.updateMany({ where: { readingId, courseId: mainCourseId }, data: { assignmentId: assignment.id } });
    try {
      const rows = await db.annotation.findMany({ where: { readingId } });
      for (const person of ["studentA", "studentA2", "studentB", "studentNoGroup"] as const) {
        for (const unlocked of [[], [paragraphId]]) {
          const actor = {
            ...(await loadActorContext(userIds[person])),
            postFirstGates: [{ assignmentId: assignment.id, unlockedParagraphIds: unlocked }],
          };
          const viaPrisma = await db.annotation.findMany({
            where: { AND: [annotationReadScope(actor), { readingId }] },
            select: { id: true },
          });
          const viaSql = await idsBySql(annotationReadScopeSql(actor, "a"));
          const viaPredicate = rows
            .filter((row) => canReadAnnotation(actor, row))
            .map((row) => row.id)
            .sort();
          expect(viaSql, `${person}, unlocked ${unlocked.length}`).toEqual(viaPrisma.map((row) => row.id).sort());
          expect(viaSql, `${person}, unlocked ${unlocked.length}`).toEqual(viaPredicate);
        }
      }
    } finally {
      await db.annotation.updateMany({ where: { readingId }, data: { assignmentId: null } });
      await db.assignment.delete({ where: { id: assignment.id } });
    }
  });

  it("[VISIBILITY] an alias that is not a plain identifier is refused, never spliced into SQL", () => {
    expect(() => annotationReadScopeSql({ userId: "u", memberships: [] }, 'a"; DROP TABLE "User" --')).toThrow(/Not an SQL alias/);
  });
});
