import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadAnnotation, type ActorContext } from "../../domain/permissions.ts";
import { disconnectDb, getDb } from "../db.ts";
import { annotationReadScope, listReadableAnnotations, loadActorContext } from "./annotation-scope.ts";
import { createVisibilityMatrix, MATRIX_PEOPLE, type PostSeed, type VisibilityMatrix } from "../testing/course-fixture.ts";

// This file seeds its own courses, users and reading (a visibility matrix,
// lib/server/testing/course-fixture.ts) under a random prefix, and removes them afterwards; the
// database may hold other tests' rows, so every query is narrowed to our reading.
const PEOPLE = MATRIX_PEOPLE;
type Person = (typeof PEOPLE)[number];

// Who posts what. Each annotation is named for what it is, so expectations read as the rule.

const ANNOTATIONS = {
  a1Private: { author: "studentA1", course: "main", group: "A", visibility: "PRIVATE" },
  a1Group: { author: "studentA1", course: "main", group: "A", visibility: "GROUP" },
  a1Course: { author: "studentA1", course: "main", group: "A", visibility: "COURSE" },
  a2DeletedGroup: { author: "studentA2", course: "main", group: "A", visibility: "GROUP", isDeleted: true },
  a2PersonalNote: { author: "studentA2", course: null, group: null, visibility: "PRIVATE" },
  bGroup: { author: "studentB", course: "main", group: "B", visibility: "GROUP" },
  bHiddenCourse: { author: "studentB", course: "main", group: "B", visibility: "COURSE", isHidden: true },
  instructorCourse: { author: "instructor", course: "main", group: null, visibility: "COURSE" },
  instructorPrivate: { author: "instructor", course: "main", group: null, visibility: "PRIVATE" },
  taGroupWithoutGroup: { author: "ta", course: "main", group: null, visibility: "GROUP" },
  noGroupCourse: { author: "studentNoGroup", course: "main", group: null, visibility: "COURSE" },
  noGroupPrivate: { author: "studentNoGroup", course: "main", group: null, visibility: "PRIVATE" },
  otherCourse: { author: "studentNoGroup", course: "other", group: null, visibility: "COURSE" },
  otherCourseGroupWithoutGroup: { author: "studentNoGroup", course: "other", group: null, visibility: "GROUP" },
  outsiderCourse: { author: "outsider", course: "other", group: null, visibility: "COURSE" },
  lonerPersonalNote: { author: "loner", course: null, group: null, visibility: "PRIVATE" },
} as const satisfies Record<string, PostSeed>;
type AnnotationName = keyof typeof ANNOTATIONS;

// What each person must see, written out by hand from docs/ARCHITECTURE.md, "Visibility".
const EXPECTED_READABLE: Record<Person, AnnotationName[]> = {
  // Staff: every group and COURSE post of their course (hidden and deleted included), never
  // someone else's PRIVATE post, nothing of the other course.
  instructor: [
    "a1Group",
    "a1Course",
    "a2DeletedGroup",
    "bGroup",
    "bHiddenCourse",
    "instructorCourse",
    "instructorPrivate",
    "taGroupWithoutGroup",
    "noGroupCourse",
  ],
  ta: ["a1Group", "a1Course", "a2DeletedGroup", "bGroup", "bHiddenCourse", "instructorCourse", "taGroupWithoutGroup", "noGroupCourse"],
  // Students of group A: their own, group A's GROUP posts, every COURSE post; not group B's.
  studentA1: ["a1Private", "a1Group", "a1Course", "a2DeletedGroup", "bHiddenCourse", "instructorCourse", "noGroupCourse"],
  studentA2: ["a1Group", "a1Course", "a2DeletedGroup", "a2PersonalNote", "bHiddenCourse", "instructorCourse", "noGroupCourse"],
  studentB: ["a1Course", "bGroup", "bHiddenCourse", "instructorCourse", "noGroupCourse"],
  // No group: no GROUP post but their own; a member of both courses, so COURSE posts of both.
  studentNoGroup: [
    "a1Course",
    "bHiddenCourse",
    "instructorCourse",
    "noGroupCourse",
    "noGroupPrivate",
    "otherCourse",
    "otherCourseGroupWithoutGroup",
    "outsiderCourse",
  ],
  // A member of the other course only: nothing of the main course.
  outsider: ["otherCourse", "outsiderCourse"],
  // No membership at all: only their own personal note.
  loner: ["lonerPersonalNote"],
};

let matrix: VisibilityMatrix;
let userIds = {} as VisibilityMatrix["userIds"];
const annotationIds = {} as Record<AnnotationName, string>;
let courseIds: string[] = [];
let readingId = "";

const ids = (names: readonly AnnotationName[]) => names.map((name) => annotationIds[name]).sort();

beforeAll(async () => {
  matrix = await createVisibilityMatrix("perm", { outsiderRole: "STUDENT" });
  ({ userIds, readingId, courseIds } = matrix);
  const names = Object.keys(ANNOTATIONS) as AnnotationName[];
  const inserted = await matrix.insertPosts(names.map((name) => ({ seed: ANNOTATIONS[name], bodyText: name })));
  for (const [index, name] of names.entries()) annotationIds[name] = inserted[index]!;
});

afterAll(async () => {
  // Cascades remove memberships, groups, paragraphs and annotations.
  await matrix.cleanUp();
  await disconnectDb();
});

describe("listReadableAnnotations", () => {
  it.each(PEOPLE.map((person) => [person] as const))(
    "[VISIBILITY] %s gets exactly the annotations the visibility rule lets them see",
    async (person) => {
      const actor = await loadActorContext(userIds[person]);
      const found = await listReadableAnnotations({ actor, where: { readingId } });
      expect(found.map((annotation) => annotation.id).sort()).toEqual(ids(EXPECTED_READABLE[person]));
    },
  );

  it.each(PEOPLE.map((person) => [person] as const))(
    "[VISIBILITY] for %s, the database scope and canReadAnnotation agree",
    async (person) => {
      const actor = await loadActorContext(userIds[person]);
      const all = await getDb().annotation.findMany({ where: { readingId } });
      expect(all).toHaveLength(Object.keys(ANNOTATIONS).length);
      const found = await listReadableAnnotations({ actor, where: { readingId } });
      const allowed = all.filter((annotation) => canReadAnnotation(actor, annotation));
      expect(found.map((annotation) => annotation.id).sort()).toEqual(allowed.map((annotation) => annotation.id).sort());
    },
  );

  it("[VISIBILITY] a caller's own OR narrows the scope and cannot widen it", async () => {
    const actor = await loadActorContext(userIds.studentA1);
    const found = await listReadableAnnotations({
      actor,
      where: { readingId, OR: [{ visibility: "PRIVATE" }, { visibility: "GROUP" }] },
    });
    expect(found.map((annotation) => annotation.id).sort()).toEqual(ids(["a1Private", "a1Group", "a2DeletedGroup"]));
  });

  it("[VISIBILITY] ordering and paging apply within the scope", async () => {
    const actor = await loadActorContext(userIds.studentB);
    const where = { readingId };
    const everything = await listReadableAnnotations({ actor, where, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const page = await listReadableAnnotations({ actor, where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: 1, take: 2 });
    expect(everything).toHaveLength(EXPECTED_READABLE.studentB.length);
    expect(page.map((annotation) => annotation.id)).toEqual(everything.slice(1, 3).map((annotation) => annotation.id));
  });
});

describe("loadActorContext", () => {
  it("[VISIBILITY] loads every course of the actor with role and group", async () => {
    const actor = await loadActorContext(userIds.studentNoGroup);
    expect(actor.userId).toBe(userIds.studentNoGroup);
    expect([...actor.memberships].sort((a, b) => a.courseId.localeCompare(b.courseId))).toEqual(
      [...courseIds].sort().map((courseId) => ({ courseId, role: "STUDENT", groupId: null })),
    );
    expect((await loadActorContext(userIds.loner)).memberships).toEqual([]);
  });
});

describe("annotationReadScope", () => {
  it("[VISIBILITY] an actor without memberships keeps only the author clause", () => {
    const actor: ActorContext = { userId: "someone", memberships: [] };
    expect(annotationReadScope(actor)).toEqual({ OR: [{ authorId: "someone" }] });
  });

  it("[VISIBILITY] staff read GROUP posts of the whole course; a student only of their group; none without a group", () => {
    const actor: ActorContext = {
      userId: "u",
      memberships: [
        { courseId: "c-staff", role: "TA", groupId: null },
        { courseId: "c-student", role: "STUDENT", groupId: "g-1" },
        { courseId: "c-groupless", role: "STUDENT", groupId: null },
      ],
    };
    const scope = annotationReadScope(actor);
    expect(scope.OR).toHaveLength(4);
    expect(scope.OR).toEqual(
      expect.arrayContaining([
        { authorId: "u" },
        { visibility: "COURSE", courseId: { in: ["c-staff", "c-student", "c-groupless"] } },
        { visibility: "GROUP", courseId: { in: ["c-staff"] } },
        { visibility: "GROUP", courseId: "c-student", groupId: "g-1" },
      ]),
    );
  });
});
