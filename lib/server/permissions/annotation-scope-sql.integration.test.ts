import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadAnnotation, canReadAnnotationContent } from "../../domain/permissions.ts";
import { disconnectDb, getDb } from "../db.ts";
import { type Prisma } from "../generated/prisma/client.ts";
import { annotationReadScope, loadActorContext } from "./annotation-scope.ts";
import { annotationContentScopeSql, annotationReadScopeSql } from "./annotation-scope-sql.ts";
import { createVisibilityMatrix, MATRIX_PEOPLE, type PostSeed, type VisibilityMatrix } from "../testing/course-fixture.ts";

// The SQL scope must be the Prisma scope, row for row: this file does not restate the rule, it
// compares the two builders for every actor of a permission matrix (so a rule added to one and
// not the other fails here). Its own users, courses and reading (a visibility matrix), under a
// random prefix.
const PEOPLE = MATRIX_PEOPLE;

// Every combination that decides something: each visibility in and out of a group, hidden and
// deleted posts, personal notes, another course.
const SEEDS: PostSeed[] = [];
for (const author of ["instructor", "ta", "studentA1", "studentB", "studentNoGroup"] as const) {
  for (const visibility of ["PRIVATE", "GROUP", "COURSE"] as const) {
    for (const group of [null, "A", "B"] as const) {
      SEEDS.push({ author, course: "main", group, visibility });
      SEEDS.push({ author, course: "main", group, visibility, isHidden: true });
    }
    SEEDS.push({ author, course: "main", group: "A", visibility, isDeleted: true });
  }
}
SEEDS.push(
  { author: "studentA1", course: null, group: null, visibility: "PRIVATE" },
  { author: "loner", course: null, group: null, visibility: "PRIVATE" },
  { author: "outsider", course: "other", group: null, visibility: "COURSE" },
  { author: "outsider", course: "other", group: null, visibility: "GROUP" },
  { author: "studentNoGroup", course: "other", group: null, visibility: "COURSE", isHidden: true },
);

let matrix: VisibilityMatrix;
let prefix = "";
let userIds = {} as VisibilityMatrix["userIds"];
let courseIds: string[] = [];
let readingId = "";
let paragraphId = "";

beforeAll(async () => {
  matrix = await createVisibilityMatrix("sqlscope", { outsiderRole: "TA" });
  ({ prefix, userIds, readingId, paragraphId, courseIds } = matrix);
  await matrix.insertPosts(SEEDS.map((seed, index) => ({ seed, bodyText: `post ${index}` })));
});

afterAll(async () => {
  await matrix.cleanUp();
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
      for (const person of ["studentA1", "studentA2", "studentB", "studentNoGroup"] as const) {
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
