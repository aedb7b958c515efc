import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadAnnotation } from "../../domain/permissions.ts";
import { createReply } from "../annotations/create-reply.ts";
import { deleteAnnotation } from "../annotations/delete-annotation.ts";
import { listParagraphThread, type ThreadNode } from "../annotations/list-paragraph-thread.ts";
import { listReadingAnnotations } from "../annotations/list-reading-annotations.ts";
import { loadAnnotationContext } from "../annotations/load-annotation-context.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import type { AnnotationView } from "../annotations/present-annotation.ts";
import { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import { listReadableAnnotations, loadActorContext } from "../permissions/annotation-scope.ts";
import { loadWorkspaceFor } from "../testing/reading-workspace.ts";
import { readLiveStart } from "../realtime/event-horizon.ts";
import { createEventBus, type EventBus, type LiveEventPayload } from "../realtime/event-bus.ts";
import { assignmentFormFields, assignmentFormSchema, type AssignmentInput } from "./assignment-input.ts";
import { countStudentPosts } from "./count-student-posts.ts";
import { createAssignment } from "./create-assignment.ts";
import { deleteAssignment } from "./delete-assignment.ts";
import { loadAssignmentForMember } from "./load-assignment-for-member.ts";
import { listMyAssignments } from "./list-my-assignments.ts";
import { updateAssignment } from "./update-assignment.ts";
import type { TestPerson } from "../testing/people.ts";
import { createTestWorld, plainBody, postOnReading, statementText, type PostInput, type TestWorld } from "../testing/course-fixture.ts";
import { eventually } from "../testing/eventually.ts";
import { errorOf } from "../testing/app-error-of.ts";

// Assignments end to end against PostgreSQL: who may create, change and delete them, what the
// form stores, whom a group assignment reaches, how progress is counted, and the "post first"
// gate through every read path (scope, lists, threads, the reading workspace, the live bus).
// One course with groups A and B and its people are seeded under a random prefix; each describe
// block gets its own readings, so lists only hold that block's posts. Everything is deleted
// afterwards (courses, readings and users cascade to memberships, groups, assignments and posts).
const READING_TEXT = statementText("Assignment Test Reading");

/** Everyone whose view of a reading is compared between the Prisma scope and the predicate. */
const READERS = ["instructor", "ta", "studentA1", "studentA2", "studentB1", "studentB2", "studentNoGroup", "outsider"] as const;
/** The readers, and an instructor of the other course. */
const PEOPLE = [...READERS, "otherInstructor"] as const;
type Person = (typeof PEOPLE)[number];

let world: TestWorld<Person>;
let prefix = "";
let users = {} as Record<Person, TestPerson>;
let courseId = "";
let groupA = "";
let groupB = "";
let otherCourseId = "";
/** A group of the other course, to target from the wrong course. */
let foreignGroup = "";

type TestReading = { id: string; canonicalText: string };

beforeAll(async () => {
  world = await createTestWorld("asg", PEOPLE);
  ({ prefix, users } = world);
  const main = await world.course("Information Security", {
    groups: ["A", "B"],
    members: {
      instructor: "INSTRUCTOR",
      ta: "TA",
      studentA1: "A",
      studentA2: "A",
      studentB1: "B",
      studentB2: "B",
      studentNoGroup: "STUDENT",
    },
  });
  courseId = main.id;
  ({ A: groupA, B: groupB } = main.groups);
  const other = await world.course("Other course", { groups: ["C"], members: { otherInstructor: "INSTRUCTOR" } });
  otherCourseId = other.id;
  foreignGroup = other.groups.C;
});

afterAll(async () => {
  await world.cleanUp();
  await disconnectDb();
});

/** A fresh reading of the shared library (isPublic), not assigned anywhere yet. */
async function makeReading(name: string): Promise<TestReading> {
  const { id, canonicalText } = await world.reading(name, READING_TEXT);
  return { id, canonicalText };
}

/** The assignment form as the browser posts it (FormData, groupIds repeated). */
function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  return form;
}

function parseForm(fields: Record<string, string | string[]>) {
  return assignmentFormSchema.safeParse(assignmentFormFields(formOf(fields)));
}

/** A valid form, with defaults a test overrides. */
function inputOf(fields: Record<string, string | string[]> = {}): AssignmentInput {
  return assignmentFormSchema.parse(
    assignmentFormFields(formOf({ title: "Read closely", minPosts: "0", audience: "class", timeZone: "UTC", ...fields })),
  );
}

function assign(reading: TestReading, fields: Record<string, string | string[]> = {}, person: Person = "instructor", course = courseId) {
  return createAssignment({ actorId: users[person].id, courseId: course, readingId: reading.id, input: inputOf(fields) });
}

function post(person: Person, reading: TestReading, fields: Partial<PostInput> = {}): Promise<AnnotationView> {
  return postOnReading(users[person].id, { readingId: reading.id, courseId }, `${person} writes.`, fields);
}

/** The offsets of a phrase that occurs once in the reading. */
function rangeOf(reading: TestReading, phrase: string): { start: number; end: number } {
  const start = reading.canonicalText.indexOf(phrase);
  expect(start, `"${phrase}" is in the text`).toBeGreaterThanOrEqual(0);
  expect(reading.canonicalText.indexOf(phrase, start + 1), `"${phrase}" occurs once`).toBe(-1);
  return { start, end: start + phrase.length };
}

async function paragraphIdsOf(reading: TestReading, positions: number[]): Promise<(string | undefined)[]> {
  const rows = await getDb().paragraph.findMany({
    where: { readingId: reading.id, position: { in: positions } },
    select: { id: true, position: true },
  });
  return positions.map((position) => rows.find((row) => row.position === position)?.id);
}

const actorOf = (person: Person) => loadActorContext(users[person].id);

/** Ids the Prisma scope returns for the reading (every context). */
async function scopedIds(person: Person, reading: TestReading): Promise<string[]> {
  const rows = await listReadableAnnotations({ actor: await actorOf(person), where: { readingId: reading.id } });
  return rows.map((row) => row.id).sort();
}

async function listedIds(person: Person, reading: TestReading): Promise<string[]> {
  const page = await listReadingAnnotations({ actor: await actorOf(person), readingId: reading.id, courseId, pageSize: 200 });
  return page.items.map((item) => item.id).sort();
}

function flatten(nodes: ThreadNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...flatten(node.replies)]);
}

async function threadIds(person: Person, reading: TestReading, paragraphPosition: number): Promise<string[]> {
  const thread = await listParagraphThread({ actor: await actorOf(person), readingId: reading.id, courseId, paragraphPosition });
  return flatten(thread.roots).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

/** For every reader: the scope's rows are exactly the rows canReadAnnotation accepts. */
async function expectScopeAgreesWithPredicate(reading: TestReading): Promise<void> {
  const all = await getDb().annotation.findMany({ where: { readingId: reading.id } });
  expect(all.length).toBeGreaterThan(0);
  for (const person of READERS) {
    const actor = await actorOf(person);
    const byPredicate = all
      .filter((row) => canReadAnnotation(actor, row))
      .map((row) => row.id)
      .sort();
    expect(await scopedIds(person, reading), person).toEqual(byPredicate);
  }
}

describe("assignment-input: the form as FormData sends it", () => {
  it("[ASSIGNMENTS] dates typed in Europe/Paris are stored as the instant they mean there (winter +1, summer +2)", () => {
    const winter = parseForm({
      title: "T",
      minPosts: "1",
      audience: "class",
      timeZone: "Europe/Paris",
      opensAt: "2026-12-01T09:00",
      dueAt: "2026-12-08T17:00",
    });
    expect(winter.success).toBe(true);
    expect(winter.data?.opensAt?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(winter.data?.dueAt?.toISOString()).toBe("2026-12-08T16:00:00.000Z");
    const summer = parseForm({ title: "T", minPosts: "1", audience: "class", timeZone: "Europe/Paris", dueAt: "2027-06-01T17:00" });
    expect(summer.data?.dueAt?.toISOString()).toBe("2027-06-01T15:00:00.000Z");
    expect(summer.data?.opensAt).toBeNull();
  });

  it("[ASSIGNMENTS] an unknown time zone falls back to UTC rather than failing; empty dates mean none", () => {
    const parsed = parseForm({
      title: "T",
      minPosts: "0",
      audience: "class",
      timeZone: "Mars/Olympus",
      opensAt: "",
      dueAt: "2026-12-08T17:00",
    });
    expect(parsed.data?.dueAt?.toISOString()).toBe("2026-12-08T17:00:00.000Z");
    expect(parsed.data?.opensAt).toBeNull();
  });

  it("[ASSIGNMENTS] a due date before (or at) the opening date is refused with a field error on dueAt", () => {
    for (const dueAt of ["2026-12-01T08:59", "2026-12-01T09:00"]) {
      const parsed = parseForm({
        title: "T",
        minPosts: "0",
        audience: "class",
        timeZone: "Europe/Paris",
        opensAt: "2026-12-01T09:00",
        dueAt,
      });
      expect(parsed.success, dueAt).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["dueAt"]);
      expect(parsed.error?.issues[0]?.message).toBe("The due date must come after the opening date.");
    }
  });

  it("[ASSIGNMENTS] a date that is not a real date is refused on its own field", () => {
    const parsed = parseForm({ title: "T", minPosts: "0", audience: "class", opensAt: "2026-02-30T09:00" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["opensAt"]);
  });

  it("[ASSIGNMENTS] audience 'groups' without any group is refused on groupIds; 'class' drops any groups sent", () => {
    const noGroups = parseForm({ title: "T", minPosts: "0", audience: "groups" });
    expect(noGroups.success).toBe(false);
    expect(noGroups.error?.issues.map((issue) => issue.path.join("."))).toEqual(["groupIds"]);
    const repeated = parseForm({ title: "T", minPosts: "0", audience: "groups", groupIds: ["g1", "g2", "g1"] });
    expect(repeated.data?.groupIds).toEqual(["g1", "g2"]);
    const wholeClass = parseForm({ title: "T", minPosts: "0", audience: "class", groupIds: ["g1"] });
    expect(wholeClass.data?.groupIds).toEqual([]);
  });

  it("[ASSIGNMENTS] instructions are validated tiptap JSON: a script node is refused on instructions; invalid JSON too", () => {
    const good = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Read ", marks: [{ type: "bold" }] },
            { type: "text", text: "closely." },
          ],
        },
      ],
    };
    const parsed = parseForm({ title: "T", minPosts: "0", audience: "class", instructions: JSON.stringify(good) });
    expect(parsed.data?.instructions).toEqual(good);
    const script = { type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] };
    for (const instructions of [JSON.stringify(script), "{not json"]) {
      const refused = parseForm({ title: "T", minPosts: "0", audience: "class", instructions });
      expect(refused.success, instructions).toBe(false);
      expect(refused.error?.issues.map((issue) => issue.path.join("."))).toEqual(["instructions"]);
    }
  });

  it("[ASSIGNMENTS] without JavaScript the textarea's plain text becomes paragraphs and hard breaks; blank means none", () => {
    const parsed = parseForm({
      title: "T",
      minPosts: "0",
      audience: "class",
      instructions: "",
      instructionsText: "Read the text.\nThen post.\n\nBe kind.",
    });
    expect(parsed.data?.instructions).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "Read the text." }, { type: "hardBreak" }, { type: "text", text: "Then post." }],
        },
        { type: "paragraph", content: [{ type: "text", text: "Be kind." }] },
      ],
    });
    expect(parseForm({ title: "T", minPosts: "0", audience: "class", instructionsText: "   " }).data?.instructions).toBeNull();
  });

  it("[ASSIGNMENTS] the title is required and the minimum is a whole number from 0; postFirst is the checkbox's 'on'", () => {
    expect(parseForm({ title: "  ", minPosts: "0", audience: "class" }).error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "title",
    ]);
    for (const minPosts of ["-1", "1.5", "abc", "201"]) {
      expect(
        parseForm({ title: "T", minPosts, audience: "class" }).error?.issues.map((issue) => issue.path.join(".")),
        minPosts,
      ).toEqual(["minPosts"]);
    }
    expect(parseForm({ title: "T", minPosts: "3", audience: "class", postFirst: "on" }).data).toMatchObject({
      minPosts: 3,
      postFirst: true,
    });
    expect(parseForm({ title: "T", minPosts: "3", audience: "class" }).data?.postFirst).toBe(false);
  });
});

describe("create, update and delete: who may", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("crud");
  });

  it("[ASSIGNMENTS] only the course's instructor creates: a TA and a student are FORBIDDEN, a non-member NOT_FOUND, and nothing is stored", async () => {
    for (const person of ["ta", "studentA1"] as const) {
      expect((await errorOf(assign(reading, {}, person))).code, person).toBe("FORBIDDEN");
    }
    for (const person of ["outsider", "otherInstructor"] as const) {
      expect((await errorOf(assign(reading, {}, person))).code, person).toBe("NOT_FOUND");
    }
    expect((await errorOf(assign(reading, {}, "instructor", `${prefix}-no-such-course`))).code).toBe("NOT_FOUND");
    expect(await getDb().assignment.count({ where: { readingId: reading.id } })).toBe(0);
  });

  it("[ASSIGNMENTS] the instructor creates a group assignment: groups, dates, minimum, post-first and instructions are stored", async () => {
    const { id } = await assign(reading, {
      title: "Group work",
      audience: "groups",
      groupIds: [groupA, groupB],
      timeZone: "Europe/Paris",
      opensAt: "2026-12-01T09:00",
      dueAt: "2026-12-08T17:00",
      minPosts: "3",
      postFirst: "on",
      instructionsText: "Post twice.",
    });
    const stored = await getDb().assignment.findUniqueOrThrow({ where: { id }, include: { groups: true } });
    expect(stored).toMatchObject({
      courseId,
      readingId: reading.id,
      title: "Group work",
      minPosts: 3,
      postFirst: true,
      createdById: users.instructor.id,
      opensAt: new Date("2026-12-01T08:00:00.000Z"),
      dueAt: new Date("2026-12-08T16:00:00.000Z"),
      instructions: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Post twice." }] }] },
    });
    expect(stored.groups.map((group) => group.groupId).sort()).toEqual(sorted(groupA, groupB));
  });

  it("[ASSIGNMENTS] a group of another course is refused (VALIDATION on groupIds), on create and on update, and nothing changes", async () => {
    const refused = await errorOf(assign(reading, { audience: "groups", groupIds: [groupA, foreignGroup] }));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors?.groupIds).toBeDefined();
    const { id } = await assign(reading, { audience: "groups", groupIds: [groupA] });
    const onUpdate = await errorOf(
      updateAssignment({
        actorId: users.instructor.id,
        courseId,
        assignmentId: id,
        input: inputOf({ audience: "groups", groupIds: [foreignGroup] }),
      }),
    );
    expect(onUpdate.code).toBe("VALIDATION");
    const groups = await getDb().assignmentGroup.findMany({ where: { assignmentId: id } });
    expect(groups.map((group) => group.groupId)).toEqual([groupA]);
  });

  it("[ASSIGNMENTS] a reading the instructor may not assign (private, someone else's, assigned only in others' courses) is NOT_FOUND; their own private reading is assignable", async () => {
    const db = getDb();
    const foreign = await makeReading("foreign-private");
    await db.reading.update({ where: { id: foreign.id }, data: { isPublic: false, createdById: users.otherInstructor.id } });
    await assign(foreign, {}, "otherInstructor", otherCourseId);
    const error = await errorOf(assign(foreign));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.fieldErrors?.readingId).toBeDefined();
    expect(
      (await errorOf(createAssignment({ actorId: users.instructor.id, courseId, readingId: `${prefix}-missing`, input: inputOf() }))).code,
    ).toBe("NOT_FOUND");
    expect(await db.assignment.count({ where: { readingId: foreign.id, courseId } })).toBe(0);

    const own = await makeReading("own-private");
    await db.reading.update({ where: { id: own.id }, data: { isPublic: false, createdById: users.instructor.id } });
    await expect(assign(own)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("[ASSIGNMENTS] update replaces the groups and every field; only the instructor may update (TA, student FORBIDDEN; non-member, other course NOT_FOUND)", async () => {
    const { id } = await assign(reading, {
      title: "Before",
      audience: "groups",
      groupIds: [groupA],
      minPosts: "2",
      postFirst: "on",
      dueAt: "2026-12-08T17:00",
    });
    const input = inputOf({ title: "After", audience: "groups", groupIds: [groupB], minPosts: "1" });
    for (const person of ["ta", "studentA1"] as const) {
      expect((await errorOf(updateAssignment({ actorId: users[person].id, courseId, assignmentId: id, input }))).code, person).toBe(
        "FORBIDDEN",
      );
    }
    expect((await errorOf(updateAssignment({ actorId: users.outsider.id, courseId, assignmentId: id, input }))).code).toBe("NOT_FOUND");
    // The other course's instructor naming their own course cannot reach this assignment.
    expect(
      (await errorOf(updateAssignment({ actorId: users.otherInstructor.id, courseId: otherCourseId, assignmentId: id, input }))).code,
    ).toBe("NOT_FOUND");
    expect((await getDb().assignment.findUniqueOrThrow({ where: { id } })).title).toBe("Before");

    await updateAssignment({ actorId: users.instructor.id, courseId, assignmentId: id, input });
    const stored = await getDb().assignment.findUniqueOrThrow({ where: { id }, include: { groups: true } });
    expect(stored).toMatchObject({ title: "After", minPosts: 1, postFirst: false, dueAt: null, instructions: null });
    expect(stored.groups.map((group) => group.groupId)).toEqual([groupB]);

    await updateAssignment({ actorId: users.instructor.id, courseId, assignmentId: id, input: inputOf({ audience: "class" }) });
    expect(await getDb().assignmentGroup.count({ where: { assignmentId: id } })).toBe(0);
  });

  it("[ASSIGNMENTS] only the instructor deletes (TA, student FORBIDDEN; non-member NOT_FOUND); a missing or other course's assignment is NOT_FOUND", async () => {
    const { id } = await assign(reading, { title: "To delete" });
    for (const person of ["ta", "studentB1"] as const) {
      expect((await errorOf(deleteAssignment({ actorId: users[person].id, courseId, assignmentId: id }))).code, person).toBe("FORBIDDEN");
    }
    expect((await errorOf(deleteAssignment({ actorId: users.outsider.id, courseId, assignmentId: id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(deleteAssignment({ actorId: users.otherInstructor.id, courseId: otherCourseId, assignmentId: id }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await getDb().assignment.count({ where: { id } })).toBe(1);
    await deleteAssignment({ actorId: users.instructor.id, courseId, assignmentId: id });
    expect(await getDb().assignment.count({ where: { id } })).toBe(0);
    expect((await errorOf(deleteAssignment({ actorId: users.instructor.id, courseId, assignmentId: id }))).code).toBe("NOT_FOUND");
  });

  it("[ASSIGNMENTS] deleting keeps the posts (assignmentId null) and the reading stays open in the course for those who posted", async () => {
    const unassigned = await makeReading("unassigned");
    const { id } = await assign(unassigned, { title: "Soon gone" });
    const first = await post("studentA1", unassigned);
    const second = await post("studentB1", unassigned, { target: { paragraph: 2 } });
    expect((await loadAnnotationContext(await actorOf("studentA1"), unassigned.id, courseId)).assignmentId).toBe(id);

    await deleteAssignment({ actorId: users.instructor.id, courseId, assignmentId: id });
    const rows = await getDb().annotation.findMany({
      where: { id: { in: [first.id, second.id] } },
      select: { id: true, assignmentId: true, deletedAt: true },
    });
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.assignmentId === null && row.deletedAt === null)).toBe(true);

    for (const person of ["studentA1", "studentB1", "instructor"] as const) {
      expect(await loadAnnotationContext(await actorOf(person), unassigned.id, courseId), person).toEqual({ courseId, assignmentId: null });
      expect(await listedIds(person, unassigned), person).toEqual(sorted(first.id, second.id));
    }
    const workspace = await loadWorkspaceFor(users.studentA1.id, unassigned.id, courseId);
    expect(workspace?.contexts).toContainEqual({ courseId, label: "This course (unassigned)" });
    // Posting again there keeps working, outside any assignment.
    const third = await post("studentA1", unassigned, { target: { paragraph: 3 } });
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: third.id } })).assignmentId).toBeNull();
    expect((await errorOf(post("outsider", unassigned))).code).toBe("NOT_FOUND");
  });
});

describe("group targeting", () => {
  let reading: TestReading;
  let groupOnly = "";
  beforeAll(async () => {
    reading = await makeReading("groups");
    groupOnly = (await assign(reading, { title: "For group B", audience: "groups", groupIds: [groupB] })).id;
  });

  it("[ASSIGNMENTS] a group-B assignment is invisible to group-A and groupless students: not found, not listed, no context to post in", async () => {
    for (const person of ["studentA1", "studentNoGroup"] as const) {
      expect((await errorOf(loadAssignmentForMember({ actorId: users[person].id, courseId, assignmentId: groupOnly }))).code, person).toBe(
        "NOT_FOUND",
      );
      expect(
        (await listMyAssignments({ actorId: users[person].id })).map((item) => item.id),
        person,
      ).not.toContain(groupOnly);
      expect((await errorOf(loadAnnotationContext(await actorOf(person), reading.id, courseId))).code, person).toBe("NOT_FOUND");
      expect(await loadWorkspaceFor(users[person].id, reading.id, courseId), person).toBeNull();
      expect((await errorOf(post(person, reading))).code, person).toBe("NOT_FOUND");
    }
    expect((await errorOf(loadAssignmentForMember({ actorId: users.outsider.id, courseId, assignmentId: groupOnly }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("[ASSIGNMENTS] group-B students see it with their progress; staff see it with the course's groups and no progress", async () => {
    for (const person of ["studentB1", "studentB2"] as const) {
      const detail = await loadAssignmentForMember({ actorId: users[person].id, courseId, assignmentId: groupOnly });
      expect(detail, person).toMatchObject({
        id: groupOnly,
        groups: [{ id: groupB, name: "B" }],
        myRole: "STUDENT",
        courseGroups: null,
        progress: { status: "NOT_STARTED" },
      });
      expect(
        (await listMyAssignments({ actorId: users[person].id, courseId })).map((item) => item.id),
        person,
      ).toContain(groupOnly);
      expect(await loadAnnotationContext(await actorOf(person), reading.id, courseId), person).toEqual({
        courseId,
        assignmentId: groupOnly,
        // Its posting rules come along, so the write path does not read them again.
        assignment: { title: "For group B", dueAt: null, acceptsLatePosts: true },
      });
    }
    for (const person of ["instructor", "ta"] as const) {
      const detail = await loadAssignmentForMember({ actorId: users[person].id, courseId, assignmentId: groupOnly });
      expect(detail, person).toMatchObject({
        id: groupOnly,
        progress: null,
        courseGroups: [
          { id: groupA, name: "A" },
          { id: groupB, name: "B" },
        ],
      });
      expect(await loadAnnotationContext(await actorOf(person), reading.id, courseId), person).toEqual({
        courseId,
        assignmentId: groupOnly,
        // Its posting rules come along, so the write path does not read them again.
        assignment: { title: "For group B", dueAt: null, acceptsLatePosts: true },
      });
      // The dashboard is a student's: staff have nothing there.
      expect(await listMyAssignments({ actorId: users[person].id, courseId }), person).toEqual([]);
    }
  });

  it("[ASSIGNMENTS] group B's posts do not open a group-B-only reading to a group-A student (no context, no list, no workspace, no posting)", async () => {
    await post("studentB1", reading);
    const actor = await actorOf("studentA1");
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => "allowed",
        (error: unknown) => (error instanceof AppError ? error.code : "other error"),
      );
    expect.soft(await refusal(loadAnnotationContext(actor, reading.id, courseId)), "loadAnnotationContext").toBe("NOT_FOUND");
    expect
      .soft(await refusal(listReadingAnnotations({ actor, readingId: reading.id, courseId })), "listReadingAnnotations")
      .toBe("NOT_FOUND");
    expect.soft(await loadWorkspaceFor(users.studentA1.id, reading.id, courseId), "loadReadingWorkspace").toBeNull();
    expect.soft(await refusal(post("studentA1", reading, { target: { paragraph: 2 } })), "createAnnotation").toBe("NOT_FOUND");
  });

  it("[ASSIGNMENTS] with a whole-class assignment added on the same reading, group A gets that one and group B keeps the older group one", async () => {
    const wholeClass = (await assign(reading, { title: "Everyone" })).id;
    expect((await loadAnnotationContext(await actorOf("studentA1"), reading.id, courseId)).assignmentId).toBe(wholeClass);
    expect((await loadAnnotationContext(await actorOf("studentB1"), reading.id, courseId)).assignmentId).toBe(groupOnly);
    const listed = (await listMyAssignments({ actorId: users.studentA1.id, courseId })).map((item) => item.id);
    expect(listed).toContain(wholeClass);
    expect(listed).not.toContain(groupOnly);
  });
});

describe("opening date", () => {
  it("[ASSIGNMENTS] before it opens, students see the assignment on their dashboard but cannot open or post on its reading; staff can prepare it", async () => {
    const reading = await makeReading("opens-later");
    const { id } = await assign(reading, {
      title: "Opens tomorrow",
      opensAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16),
    });
    const student = await actorOf("studentA1");
    await expect(loadAnnotationContext(student, reading.id, courseId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(post("studentA1", reading)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await loadAnnotationContext(await actorOf("instructor"), reading.id, courseId)).assignmentId).toBe(id);
    const listed = (await listMyAssignments({ actorId: users.studentA1.id, courseId })).find((item) => item.id === id);
    expect(listed?.progress).toMatchObject({ isOpen: false });

    await getDb().assignment.update({ where: { id }, data: { opensAt: new Date(Date.now() - 60_000) } });
    expect((await loadAnnotationContext(await actorOf("studentA1"), reading.id, courseId)).assignmentId).toBe(id);
    expect((await post("studentA1", reading)).id).toBeTruthy();
  });
});

describe("progress: listMyAssignments and countStudentPosts", () => {
  let reading: TestReading;
  let assignmentId = "";
  let noDates = "";
  let noDatesReading: TestReading;
  const dueAt = new Date("2030-03-01T12:00:00.000Z");
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;

  async function postAt(person: Person, at: Date, fields: Partial<PostInput> = {}): Promise<string> {
    const view = await post(person, reading, fields);
    await getDb().annotation.update({ where: { id: view.id }, data: { createdAt: at } });
    return view.id;
  }

  async function progressOf(person: Person, now: Date, id = assignmentId) {
    const mine = await listMyAssignments({ actorId: users[person].id, courseId, now });
    const item = mine.find((candidate) => candidate.id === id);
    expect(item, `${person} has the assignment`).toBeDefined();
    return item!.progress;
  }

  beforeAll(async () => {
    reading = await makeReading("progress");
    // Opens in 2030: the posts below are written first (a student cannot post before it opens),
    // then the opening date is set, as if they had been written in February 2030.
    assignmentId = (await assign(reading, { title: "Two posts", minPosts: "2", timeZone: "UTC", dueAt: "2030-03-01T12:00" })).id;
    noDatesReading = await makeReading("progress-no-dates");
    noDates = (await assign(noDatesReading, { title: "Any time", minPosts: "0" })).id;

    // A1: one post before and one exactly at the due date, plus a highlight, a deleted post and a hidden post.
    await postAt("studentA1", new Date(dueAt.getTime() - HOUR));
    await postAt("studentA1", dueAt, { target: { paragraph: 2 } });
    await post("studentA1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "information security"), body: undefined });
    const deleted = await post("studentA1", reading, { target: { paragraph: 3 } });
    // A reply by staff keeps the deleted post as a placeholder row (deletedAt set).
    await createReply({ actorId: users.instructor.id, parentId: deleted.id, body: plainBody("Noted.") });
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: deleted.id });
    const hidden = await post("studentA1", reading, { target: { paragraph: 3 }, body: plainBody("Off topic.") });
    await moderateAnnotation({ actorId: users.instructor.id, annotationId: hidden.id, action: { action: "hide", reason: "Off topic." } });

    // A2: one on time, one a second late.
    await postAt("studentA2", new Date(dueAt.getTime() - HOUR));
    await postAt("studentA2", new Date(dueAt.getTime() + 1_000), { target: { paragraph: 2 } });
    // B1: one post, on time. B2: only a highlight.
    await postAt("studentB1", new Date(dueAt.getTime() - 2 * HOUR));
    await post("studentB2", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "cooperation"), body: undefined });
    // No dates, minimum 0: one post completes it.
    await post("studentB1", noDatesReading);
    await post("studentB2", noDatesReading, { kind: "HIGHLIGHT", target: rangeOf(noDatesReading, "cooperation"), body: undefined });
    await getDb().assignment.update({ where: { id: assignmentId }, data: { opensAt: new Date("2030-02-01T12:00:00.000Z") } });
  });

  it("[ASSIGNMENTS] counts exclude highlights, deleted and hidden posts; a post exactly at dueAt is on time, one after is late", async () => {
    const ids = [assignmentId, noDates];
    expect((await countStudentPosts(users.studentA1.id, ids)).get(assignmentId)).toEqual({ posts: 2, postsOnTime: 2 });
    expect((await countStudentPosts(users.studentA2.id, ids)).get(assignmentId)).toEqual({ posts: 2, postsOnTime: 1 });
    expect((await countStudentPosts(users.studentB1.id, ids)).get(assignmentId)).toEqual({ posts: 1, postsOnTime: 1 });
    // Without a due date every post is on time.
    expect((await countStudentPosts(users.studentB1.id, ids)).get(noDates)).toEqual({ posts: 1, postsOnTime: 1 });
    expect((await countStudentPosts(users.studentB2.id, ids)).size).toBe(0);
    expect((await countStudentPosts(users.studentA1.id, [])).size).toBe(0);
  });

  it("[ASSIGNMENTS] COMPLETE: the minimum reached by the due date (a post at dueAt counts), whenever one looks", async () => {
    for (const now of [new Date(dueAt.getTime() - 30 * 60_000), new Date(dueAt.getTime() + DAY)]) {
      expect(await progressOf("studentA1", now)).toMatchObject({ status: "COMPLETE", counted: 2, required: 2 });
    }
  });

  it("[ASSIGNMENTS] LATE: past the due date without the minimum on time, even after catching up; late posts are counted and marked late", async () => {
    const after = new Date(dueAt.getTime() + DAY);
    expect(await progressOf("studentA2", after)).toMatchObject({
      status: "LATE",
      counted: 2,
      late: 1,
      required: 2,
      timeNote: "Past due — late posts are marked late",
      isOpen: true,
    });
    expect(await progressOf("studentB1", after)).toMatchObject({ status: "LATE", counted: 1 });
    expect(await progressOf("studentB2", after)).toMatchObject({ status: "LATE", counted: 0 });
  });

  it("[ASSIGNMENTS] IN_PROGRESS with some posts and still time; NOT_STARTED with none (a highlight is not a post); before opening it says so", async () => {
    const before = new Date(dueAt.getTime() - 30 * 60_000);
    expect(await progressOf("studentB1", before)).toMatchObject({
      status: "IN_PROGRESS",
      counted: 1,
      required: 2,
      timeNote: "30 minutes left",
      isOpen: true,
    });
    expect(await progressOf("studentB2", before)).toMatchObject({ status: "NOT_STARTED", counted: 0 });
    const beforeOpening = new Date("2030-01-31T12:00:00.000Z");
    expect(await progressOf("studentB2", beforeOpening)).toMatchObject({
      status: "NOT_STARTED",
      isOpen: false,
      timeNote: "Opens in 1 day",
    });
  });

  it("[ASSIGNMENTS] with no due date and minimum 0, one post completes the assignment; a highlight alone does not", async () => {
    const now = new Date();
    expect(await progressOf("studentB1", now, noDates)).toMatchObject({ status: "COMPLETE", counted: 1, required: 1, timeNote: null });
    expect(await progressOf("studentB2", now, noDates)).toMatchObject({ status: "NOT_STARTED", counted: 0, required: 1 });
  });

  it("[ASSIGNMENTS] the dashboard lists the soonest due first and loadAssignmentForMember gives the same progress", async () => {
    const now = new Date(dueAt.getTime() + DAY);
    const mine = await listMyAssignments({ actorId: users.studentA2.id, courseId, now });
    const ours = mine.filter((item) => item.id === assignmentId || item.id === noDates).map((item) => item.id);
    expect(ours).toEqual([assignmentId, noDates]);
    const detail = await loadAssignmentForMember({ actorId: users.studentA2.id, courseId, assignmentId, now });
    expect(detail.progress).toEqual(mine.find((item) => item.id === assignmentId)?.progress);
  });
});

describe("post first: the gate through every read path", () => {
  let reading: TestReading;
  let assignmentId = "";
  const posts = {} as Record<"a1p1" | "a1c1" | "a1h1" | "a1p2" | "a1priv1" | "a1h3" | "b2g1" | "b2p3" | "instr1", string>;
  let b1Highlight = "";
  let b1Post = "";
  // Other blocks' post-first assignments are in the same course: look at this one's gate.
  const gateOf = async (person: Person) => (await actorOf(person)).postFirstGates?.find((gate) => gate.assignmentId === assignmentId);

  beforeAll(async () => {
    reading = await makeReading("post-first");
    assignmentId = (await assign(reading, { title: "Post first", postFirst: "on" })).id;
    posts.a1p1 = (await post("studentA1", reading, { body: plainBody("A1 on paragraph 1.") })).id;
    posts.a1c1 = (
      await post("studentA1", reading, {
        kind: "COMMENT",
        target: rangeOf(reading, "information security"),
        body: plainBody("A1 comments."),
      })
    ).id;
    posts.a1h1 = (
      await post("studentA1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "states that signed it"), body: undefined })
    ).id;
    posts.a1p2 = (await post("studentA1", reading, { target: { paragraph: 2 } })).id;
    posts.a1priv1 = (await post("studentA1", reading, { visibility: "PRIVATE" })).id;
    posts.a1h3 = (await post("studentA1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "short remark"), body: undefined })).id;
    posts.b2g1 = (await post("studentB2", reading, { visibility: "GROUP" })).id;
    posts.b2p3 = (await post("studentB2", reading, { target: { paragraph: 3 } })).id;
    posts.instr1 = (await post("instructor", reading, { body: plainBody("A prompt.") })).id;
  });

  it("[POST FIRST] posts in a post-first assignment belong to it, and a student's context carries a gate with what they unlocked", async () => {
    const rows = await getDb().annotation.findMany({ where: { id: { in: Object.values(posts) } }, select: { assignmentId: true } });
    expect(rows.every((row) => row.assignmentId === assignmentId)).toBe(true);
    expect(await gateOf("studentB1")).toEqual({ assignmentId, unlockedParagraphIds: [] });
    const a1 = await gateOf("studentA1");
    // Paragraphs 1 and 2 (posts); not 3, where A1 only highlighted.
    expect(a1?.unlockedParagraphIds).toHaveLength(2);
    for (const person of ["instructor", "ta"] as const) expect((await actorOf(person)).postFirstGates, person).toBeUndefined();
  });

  it("[POST FIRST] before posting, a student sees nobody's posts: scope, reading list, paragraph threads and workspace counts and paints are empty", async () => {
    for (const person of ["studentB1", "studentA2", "studentNoGroup"] as const) {
      expect(await scopedIds(person, reading), person).toEqual([]);
      expect(await listedIds(person, reading), person).toEqual([]);
      for (const position of [1, 2, 3]) expect(await threadIds(person, reading, position), `${person} ¶${position}`).toEqual([]);
      const workspace = await loadWorkspaceFor(users[person].id, reading.id, courseId);
      expect(workspace, person).toMatchObject({
        postFirst: { unlockedParagraphCount: 0, unlockedParagraphIds: [] },
        postCounts: {},
        paints: {},
      });
      expect(workspace?.paintedRanges(), person).toEqual([]);
      expect(workspace?.annotations.total, person).toBe(0);
    }
  });

  it("[POST FIRST] a locked paragraph tells a student how many posts wait there: what they may read once they post, by visibility, not highlights or private notes", async () => {
    const [p1, p2, p3] = await paragraphIdsOf(reading, [1, 2, 3]);
    const lockedOf = async (person: Person) =>
      (await loadWorkspaceFor(users[person].id, reading.id, courseId))?.postFirst?.lockedPostCounts;
    // B1 (group B): A1's post and comment, B2's group post and the instructor's prompt on ¶1.
    expect(await lockedOf("studentB1")).toEqual({ [p1!]: 4, [p2!]: 1, [p3!]: 1 });
    // A2 (group A): not B2's group post.
    expect(await lockedOf("studentA2")).toEqual({ [p1!]: 3, [p2!]: 1, [p3!]: 1 });
    const thread = await listParagraphThread({ actor: await actorOf("studentB1"), readingId: reading.id, courseId, paragraphPosition: 1 });
    expect(thread).toMatchObject({ roots: [], postCount: 0, locked: { postCount: 4 } });
    const staffThread = await listParagraphThread({
      actor: await actorOf("instructor"),
      readingId: reading.id,
      courseId,
      paragraphPosition: 1,
    });
    expect(staffThread.locked).toBeNull();
  });

  it("[POST FIRST] staff are never gated: the instructor and the TA see every post but the private note", async () => {
    const everything = sorted(...Object.values(posts).filter((id) => id !== posts.a1priv1));
    for (const person of ["instructor", "ta"] as const) {
      expect(await scopedIds(person, reading), person).toEqual(everything);
      expect(await threadIds(person, reading, 1), person).toEqual(sorted(posts.a1p1, posts.a1c1, posts.b2g1, posts.instr1));
      const workspace = await loadWorkspaceFor(users[person].id, reading.id, courseId);
      expect(workspace?.postFirst, person).toBeNull();
      expect(workspace?.postCounts, person).toEqual({ 1: 4, 2: 1, 3: 1 });
    }
  });

  it("[POST FIRST] a highlight does not unlock a paragraph: the student sees only their own highlight", async () => {
    b1Highlight = (await post("studentB1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "first paragraph"), body: undefined }))
      .id;
    expect(await gateOf("studentB1")).toEqual({ assignmentId, unlockedParagraphIds: [] });
    expect(await scopedIds("studentB1", reading)).toEqual([b1Highlight]);
    expect(await threadIds("studentB1", reading, 1)).toEqual([]);
  });

  it("[POST FIRST] after posting on paragraph 1, the student sees paragraph 1's posts they may read (not A's private note, not another group's), and paragraph 2 stays gated", async () => {
    b1Post = (await post("studentB1", reading)).id;
    const gate = await gateOf("studentB1");
    expect(gate?.unlockedParagraphIds).toHaveLength(1);
    const paragraph1 = [posts.a1p1, posts.a1c1, posts.a1h1, posts.b2g1, posts.instr1];
    expect(await scopedIds("studentB1", reading)).toEqual(sorted(...paragraph1, b1Highlight, b1Post));
    expect(await listedIds("studentB1", reading)).toEqual(sorted(...paragraph1, b1Highlight, b1Post));
    expect(await threadIds("studentB1", reading, 1)).toEqual(sorted(posts.a1p1, posts.a1c1, posts.b2g1, posts.instr1, b1Post));
    expect(await threadIds("studentB1", reading, 2)).toEqual([]);
    expect(await threadIds("studentB1", reading, 3)).toEqual([]);

    const workspace = await loadWorkspaceFor(users.studentB1.id, reading.id, courseId);
    const [p1, p2, p3] = await paragraphIdsOf(reading, [1, 2, 3]);
    expect(workspace?.postFirst).toEqual({
      unlockedParagraphCount: 1,
      unlockedParagraphIds: [p1],
      lockedPostCounts: { [p2!]: 1, [p3!]: 1 },
    });
    expect(workspace?.postCounts).toEqual({ 1: 5 });
    expect(
      workspace
        ?.paintedRanges()
        .map((paint) => paint.id)
        .sort(),
    ).toEqual(sorted(posts.a1c1, posts.a1h1, b1Highlight));

    // A classmate who has not posted still sees nothing.
    expect(await scopedIds("studentA2", reading)).toEqual([]);
  });

  it("[POST FIRST] authors always see their own posts, even on a paragraph they have not unlocked; others' posts there stay gated", async () => {
    const a1 = await scopedIds("studentA1", reading);
    // ¶3: A1 only highlighted, so A1's highlight shows and B2's post there does not.
    expect(a1).toContain(posts.a1h3);
    expect(a1).not.toContain(posts.b2p3);
    // ¶1 is unlocked for A1: B1's post shows, B2's group-B post does not (group rule).
    expect(a1).toContain(b1Post);
    expect(a1).not.toContain(posts.b2g1);
    expect(await threadIds("studentA1", reading, 3)).toEqual([]);
    const b2 = await scopedIds("studentB2", reading);
    // B2 posted on ¶1 (a group post) and ¶3: sees both, A1's highlight on ¶3 included, not ¶2.
    expect(b2).toEqual(sorted(posts.a1p1, posts.a1c1, posts.a1h1, posts.b2g1, posts.instr1, b1Highlight, b1Post, posts.b2p3, posts.a1h3));
  });

  it("[POST FIRST] the Prisma scope and canReadAnnotation agree on every row, for every reader", async () => {
    await expectScopeAgreesWithPredicate(reading);
  });

  it("[POST FIRST] deleting the student's only post on a paragraph locks it again", async () => {
    await deleteAnnotation({ actorId: users.studentB1.id, annotationId: b1Post });
    expect(await gateOf("studentB1")).toEqual({ assignmentId, unlockedParagraphIds: [] });
    expect(await scopedIds("studentB1", reading)).toEqual([b1Highlight]);
    expect(await threadIds("studentB1", reading, 1)).toEqual([]);
    const workspace = await loadWorkspaceFor(users.studentB1.id, reading.id, courseId);
    expect(workspace).toMatchObject({ postFirst: { unlockedParagraphCount: 0 }, postCounts: {} });
    expect(workspace?.paintedRanges().map((paint) => paint.id)).toEqual([b1Highlight]);
    await expectScopeAgreesWithPredicate(reading);
  });

  it("[POST FIRST] a deleted post kept as a placeholder (it has replies) unlocks nothing either", async () => {
    const kept = await post("studentB1", reading);
    await createReply({ actorId: users.studentA1.id, parentId: kept.id, body: plainBody("A1 answers.") });
    expect((await gateOf("studentB1"))?.unlockedParagraphIds).toHaveLength(1);
    await deleteAnnotation({ actorId: users.studentB1.id, annotationId: kept.id });
    expect((await gateOf("studentB1"))?.unlockedParagraphIds).toEqual([]);
    // B1 still sees their own placeholder, not A1's reply under it.
    expect(await scopedIds("studentB1", reading)).toEqual(sorted(b1Highlight, kept.id));
    await expectScopeAgreesWithPredicate(reading);
  });

  it("[POST FIRST] turning postFirst off (updateAssignment) opens every paragraph to everyone, within the usual visibility", async () => {
    await updateAssignment({ actorId: users.instructor.id, courseId, assignmentId, input: inputOf({ title: "Post first" }) });
    expect(await gateOf("studentB1")).toBeUndefined();
    const b1 = await scopedIds("studentB1", reading);
    for (const id of [posts.a1p1, posts.a1c1, posts.a1h1, posts.a1p2, posts.a1h3, posts.b2g1, posts.b2p3, posts.instr1])
      expect(b1).toContain(id);
    expect(b1).not.toContain(posts.a1priv1);
    expect(await scopedIds("studentA2", reading)).not.toContain(posts.b2g1);
    expect(await threadIds("studentA2", reading, 2)).toEqual([posts.a1p2]);
    const workspace = await loadWorkspaceFor(users.studentA2.id, reading.id, courseId);
    expect(workspace?.postFirst).toBeNull();
    await expectScopeAgreesWithPredicate(reading);
  });
});

describe("post first and group assignments", () => {
  it("[POST FIRST] a group-B-only post-first assignment does not gate a group-A student: once they have posted on paragraph 1 they see group B's posts there", async () => {
    const reading = await makeReading("post-first-group");
    const groupOnly = (await assign(reading, { title: "B first", audience: "groups", groupIds: [groupB], postFirst: "on" })).id;
    const wholeClass = (await assign(reading, { title: "Everyone, no gate" })).id;
    const fromB = await post("studentB1", reading);
    const fromA = await post("studentA1", reading);
    const stored = await getDb().annotation.findMany({
      where: { id: { in: [fromB.id, fromA.id] } },
      select: { id: true, assignmentId: true },
    });
    expect(Object.fromEntries(stored.map((row) => [row.id, row.assignmentId]))).toEqual({ [fromB.id]: groupOnly, [fromA.id]: wholeClass });
    // A1 is not assigned the gated assignment and cannot post in it, so it cannot be unlocked by them.
    expect(await scopedIds("studentA1", reading)).toContain(fromB.id);
    expect(await threadIds("studentA1", reading, 1)).toContain(fromB.id);
  });
});

describe("post first on the live bus", () => {
  let bus: EventBus;
  const unsubscribes: (() => void)[] = [];
  type Listener = { person: Person; events: LiveEventPayload[]; ids: () => string[] };

  beforeAll(() => {
    bus = createEventBus();
  });

  afterAll(async () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    await bus?.close();
  });

  async function listen(person: Person, reading: TestReading): Promise<Listener> {
    const listener: Listener = {
      person,
      events: [],
      ids: () =>
        listener.events.map((payload) =>
          payload.type === "DELETED" || payload.type === "RETRACTED" ? payload.annotationId : payload.annotation.id,
        ),
    };
    const actor = await actorOf(person);
    const subscription = bus.subscribe({
      readingId: reading.id,
      courseId,
      actor,
      access: { userId: actor.userId, courseId, credential: { kind: "session", sessionId: "test-session" } },
      onRevoked: () => {},
      after: await readLiveStart(getDb()),
      send: (chunk) => {
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        if (/^event: annotation$/m.test(chunk) && data !== undefined) listener.events.push(JSON.parse(data) as LiveEventPayload);
      },
    });
    unsubscribes.push(subscription.unsubscribe);
    await subscription.ready;
    return listener;
  }

  async function waitFor(listener: Listener, annotationId: string): Promise<void> {
    await eventually(`${listener.person} to receive ${annotationId}`, () => listener.ids().includes(annotationId));
  }

  it("[POST FIRST] a gated subscriber gets no post on a locked paragraph; once they post there, their own post arrives and later posts there are delivered", async () => {
    const reading = await makeReading("post-first-live");
    await assign(reading, { title: "Live post first", postFirst: "on" });
    const gated = await listen("studentB1", reading);
    const staff = await listen("instructor", reading);

    const early = await post("studentA1", reading, { body: plainBody("Early, on ¶1.") });
    // B1's own highlight is always theirs to see and unlocks nothing: events arrive in order, so
    // once it is there the decision about the earlier post has been made.
    const sentinel = await post("studentB1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "first paragraph"), body: undefined });
    await waitFor(gated, sentinel.id);
    await waitFor(staff, early.id);
    expect(gated.ids()).toEqual([sentinel.id]);

    const own = await post("studentB1", reading, { body: plainBody("B1 on ¶1.") });
    await waitFor(gated, own.id);
    expect(gated.events.find((payload) => payload.type === "CREATED" && payload.annotation.id === own.id)).toMatchObject({
      type: "CREATED",
      annotation: { id: own.id, canEdit: true, bodyHtml: "<p>B1 on ¶1.</p>" },
    });

    const onLocked = await post("studentA1", reading, { target: { paragraph: 2 }, body: plainBody("On ¶2.") });
    const later = await post("studentA1", reading, { body: plainBody("Later, on ¶1.") });
    await waitFor(gated, later.id);
    expect(gated.events.find((payload) => payload.type === "CREATED" && payload.annotation.id === later.id)).toMatchObject({
      annotation: { bodyHtml: "<p>Later, on ¶1.</p>", author: users.studentA1 },
    });
    expect(gated.ids()).toEqual([sentinel.id, own.id, later.id]);
    expect(gated.ids()).not.toContain(early.id);
    expect(gated.ids()).not.toContain(onLocked.id);
    await waitFor(staff, later.id);
    expect(staff.ids()).toEqual([early.id, sentinel.id, own.id, onLocked.id, later.id]);
  });

  it("[POST FIRST] a post removed outright on a paragraph the gated subscriber opened is retracted from them", async () => {
    const reading = await makeReading("post-first-live-retract");
    await assign(reading, { title: "Live post first, retractions", postFirst: "on" });
    const classmates = await post("studentA1", reading, { body: plainBody("Seen, then deleted.") });
    await post("studentB1", reading, { body: plainBody("B1 opens ¶1.") });
    const gated = await listen("studentB1", reading);
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: classmates.id });
    await waitFor(gated, classmates.id);
    expect(gated.events).toEqual([{ type: "DELETED", rootId: classmates.id, annotationId: classmates.id, annotation: null }]);
  });

  it("[POST FIRST] the deletion of a post on a locked paragraph is not announced to a gated subscriber", async () => {
    const reading = await makeReading("post-first-live-delete");
    await assign(reading, { title: "Live post first, deletions", postFirst: "on" });
    const hiddenFromB1 = await post("studentA1", reading, { body: plainBody("Soon deleted.") });
    const gated = await listen("studentB1", reading);
    const staff = await listen("instructor", reading);
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: hiddenFromB1.id });
    await waitFor(staff, hiddenFromB1.id);
    const sentinel = await post("studentB1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "first paragraph"), body: undefined });
    await waitFor(gated, sentinel.id);
    expect(gated.ids()).toEqual([sentinel.id]);
  });
});
