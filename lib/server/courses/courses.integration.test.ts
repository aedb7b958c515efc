import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";
import { changeMemberRole } from "./change-member-role.ts";
import { requireCourseRole } from "./course-access.ts";
import { createCourse } from "./create-course.ts";
import { createGroup } from "./create-group.ts";
import { deleteGroup } from "./delete-group.ts";
import { loadCourseForActor } from "./load-course-for-actor.ts";
import { findCourseByJoinCode, joinCourse } from "./join-course.ts";
import { leaveCourse } from "./leave-course.ts";
import { listMyCourses } from "./list-my-courses.ts";
import { moveMemberToGroup } from "./move-member-to-group.ts";
import { regenerateJoinCode } from "./regenerate-join-code.ts";
import { removeMember } from "./remove-member.ts";
import { renameGroup } from "./rename-group.ts";
import { setJoinEnabled } from "./set-join-enabled.ts";
import { splitIntoGroups } from "./split-into-groups.ts";
import { errorOf } from "../testing/app-error-of.ts";

// Each test builds its own users and courses under random ids and emails; all are deleted
// afterwards (deleting a course cascades to its memberships and groups).
const JOIN_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

const userIds: string[] = [];
const courseIds: string[] = [];

afterAll(async () => {
  const db = getDb();
  await db.course.deleteMany({ where: { id: { in: courseIds } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await disconnectDb();
});

type TestUser = { id: string; name: string; email: string };

async function makeUser(name = "Someone"): Promise<TestUser> {
  const user = await getDb().user.create({
    data: { email: `${randomUUID()}@example.test`, name: `${name} ${randomUUID().slice(0, 6)}`, passwordHash: "x" },
    select: { id: true, name: true, email: true },
  });
  userIds.push(user.id);
  return user;
}

async function makeCourse(instructor: TestUser, title = "Comparative Constitutions"): Promise<{ id: string; joinCode: string }> {
  const course = await createCourse({ actorId: instructor.id, input: { title, term: "Spring" } });
  courseIds.push(course.id);
  return course;
}

async function addMember(courseId: string, user: TestUser, role: Role): Promise<string> {
  const membership = await getDb().membership.create({ data: { courseId, userId: user.id, role }, select: { id: true } });
  return membership.id;
}

async function membershipOf(courseId: string, user: TestUser) {
  return getDb().membership.findUniqueOrThrow({ where: { userId_courseId: { userId: user.id, courseId } } });
}

/** A course with one instructor, one TA and `studentCount` students (all members). */
async function makeClass(studentCount: number) {
  const instructor = await makeUser("Instructor");
  const ta = await makeUser("TA");
  const course = await makeCourse(instructor);
  const taMembershipId = await addMember(course.id, ta, "TA");
  const students: (TestUser & { membershipId: string })[] = [];
  for (let index = 0; index < studentCount; index += 1) {
    const student = await makeUser(`Student${index}`);
    students.push({ ...student, membershipId: await addMember(course.id, student, "STUDENT") });
  }
  const instructorMembershipId = (await membershipOf(course.id, instructor)).id;
  return { course, instructor, instructorMembershipId, ta, taMembershipId, students };
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe("createCourse and joinCourse", () => {
  it("[COURSES] the creator of a course is its instructor, and it gets a readable XXXX-XXXX-XXXX join code", async () => {
    const instructor = await makeUser("Instructor");
    const course = await makeCourse(instructor);
    expect(course.joinCode).toMatch(JOIN_CODE_PATTERN);
    const membership = await membershipOf(course.id, instructor);
    expect(membership.role).toBe("INSTRUCTOR");
    expect(await getDb().membership.count({ where: { courseId: course.id } })).toBe(1);
    const stored = await getDb().course.findUniqueOrThrow({ where: { id: course.id } });
    expect(stored).toMatchObject({ joinCode: course.joinCode, joinEnabled: true, title: "Comparative Constitutions", term: "Spring" });
  });

  it("[JOIN] a code typed in lower case without dashes joins the course as a student", async () => {
    const course = await makeCourse(await makeUser("Instructor"));
    const student = await makeUser("Student");
    const typed = course.joinCode.replaceAll("-", "").toLowerCase();
    expect(await findCourseByJoinCode({ code: typed })).toMatchObject({ id: course.id });
    const result = await joinCourse({ actorId: student.id, code: typed });
    expect(result).toEqual({ courseId: course.id, wasAlreadyMember: false });
    expect((await membershipOf(course.id, student)).role).toBe("STUDENT");
  });

  it("[JOIN] joining a course one is already in changes nothing: one membership, role kept", async () => {
    const instructor = await makeUser("Instructor");
    const course = await makeCourse(instructor);
    const student = await makeUser("Student");
    await joinCourse({ actorId: student.id, code: course.joinCode });
    expect(await joinCourse({ actorId: student.id, code: course.joinCode })).toEqual({ courseId: course.id, wasAlreadyMember: true });
    expect(await getDb().membership.count({ where: { courseId: course.id, userId: student.id } })).toBe(1);
    expect((await membershipOf(course.id, student)).role).toBe("STUDENT");

    expect(await joinCourse({ actorId: instructor.id, code: course.joinCode })).toEqual({ courseId: course.id, wasAlreadyMember: true });
    expect(await getDb().membership.count({ where: { courseId: course.id, userId: instructor.id } })).toBe(1);
    expect((await membershipOf(course.id, instructor)).role).toBe("INSTRUCTOR");
  });

  it("[JOIN] a wrong code is a VALIDATION error on the code field", async () => {
    const student = await makeUser("Student");
    for (const code of ["2222-2222-2222", "not a code!", ""]) {
      await expect(joinCourse({ actorId: student.id, code })).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { code: [expect.any(String)] },
      });
    }
    expect(await getDb().membership.count({ where: { userId: student.id } })).toBe(0);
  });

  it("[JOIN] a closed code joins nobody until it is opened again", async () => {
    const instructor = await makeUser("Instructor");
    const course = await makeCourse(instructor);
    const student = await makeUser("Student");
    await setJoinEnabled({ actorId: instructor.id, courseId: course.id, isEnabled: false });
    await expect(joinCourse({ actorId: student.id, code: course.joinCode })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { code: [expect.any(String)] },
    });
    expect(await findCourseByJoinCode({ code: course.joinCode })).toBeNull();
    expect(await getDb().membership.count({ where: { courseId: course.id, userId: student.id } })).toBe(0);

    await setJoinEnabled({ actorId: instructor.id, courseId: course.id, isEnabled: true });
    expect(await joinCourse({ actorId: student.id, code: course.joinCode })).toEqual({ courseId: course.id, wasAlreadyMember: false });
  });

  it("[JOIN] a regenerated code replaces the old one at once", async () => {
    const instructor = await makeUser("Instructor");
    const course = await makeCourse(instructor);
    const newCode = await regenerateJoinCode({ actorId: instructor.id, courseId: course.id });
    expect(newCode).toMatch(JOIN_CODE_PATTERN);
    expect(newCode).not.toBe(course.joinCode);

    const student = await makeUser("Student");
    await expect(joinCourse({ actorId: student.id, code: course.joinCode })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await joinCourse({ actorId: student.id, code: newCode })).toEqual({ courseId: course.id, wasAlreadyMember: false });
  });

  it("[JOIN] only instructors may regenerate or close the join code; TAs and students are FORBIDDEN", async () => {
    const { course, ta, students } = await makeClass(1);
    for (const actor of [ta, students[0]!]) {
      await expect(regenerateJoinCode({ actorId: actor.id, courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setJoinEnabled({ actorId: actor.id, courseId: course.id, isEnabled: false })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await getDb().course.findUniqueOrThrow({ where: { id: course.id } })).toMatchObject({
      joinCode: course.joinCode,
      joinEnabled: true,
    });
  });
});

describe("course access", () => {
  it("[COURSES] an outsider gets the same not-found as for a course that does not exist, from every course service", async () => {
    const { course, instructor, students } = await makeClass(1);
    const student = students[0]!;
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Readers" });
    // Teaching a course of one's own opens nothing in another.
    const outsider = await makeUser("Outsider");
    await makeCourse(outsider);
    const missingCourseId = `missing-${randomUUID()}`;

    const attempts: Record<string, (courseId: string) => Promise<unknown>> = {
      requireCourseRole: (courseId) => requireCourseRole({ actorId: outsider.id, courseId }),
      loadCourseForActor: (courseId) => loadCourseForActor({ actorId: outsider.id, courseId }),
      regenerateJoinCode: (courseId) => regenerateJoinCode({ actorId: outsider.id, courseId }),
      setJoinEnabled: (courseId) => setJoinEnabled({ actorId: outsider.id, courseId, isEnabled: false }),
      changeMemberRole: (courseId) => changeMemberRole({ actorId: outsider.id, courseId, membershipId: student.membershipId, role: "TA" }),
      removeMember: (courseId) => removeMember({ actorId: outsider.id, courseId, membershipId: student.membershipId }),
      createGroup: (courseId) => createGroup({ actorId: outsider.id, courseId, name: "Intruders" }),
      renameGroup: (courseId) => renameGroup({ actorId: outsider.id, courseId, groupId: group.id, name: "Renamed" }),
      deleteGroup: (courseId) => deleteGroup({ actorId: outsider.id, courseId, groupId: group.id }),
      moveMemberToGroup: (courseId) =>
        moveMemberToGroup({ actorId: outsider.id, courseId, membershipId: student.membershipId, groupId: group.id }),
      splitIntoGroups: (courseId) => splitIntoGroups({ actorId: outsider.id, courseId, groupSize: 2 }),
    };

    for (const [service, attempt] of Object.entries(attempts)) {
      const forExisting = await errorOf(attempt(course.id));
      const forMissing = await errorOf(attempt(missingCourseId));
      expect({ service, code: forExisting.code }).toEqual({ service, code: "NOT_FOUND" });
      expect({ service, code: forExisting.code, message: forExisting.message, fieldErrors: forExisting.fieldErrors }).toEqual({
        service,
        code: forMissing.code,
        message: forMissing.message,
        fieldErrors: forMissing.fieldErrors,
      });
    }

    // And nothing changed.
    expect(await getDb().course.findUniqueOrThrow({ where: { id: course.id } })).toMatchObject({
      joinCode: course.joinCode,
      joinEnabled: true,
    });
    expect(await membershipOf(course.id, student)).toMatchObject({ role: "STUDENT", groupId: null });
    expect(await getDb().group.findMany({ where: { courseId: course.id }, select: { id: true, name: true } })).toEqual([
      { id: group.id, name: "Readers" },
    ]);
  });
});

describe("changeMemberRole and removeMember", () => {
  it("[ROLES] an instructor changes a member's role; a student made staff leaves their group", async () => {
    const { course, instructor, students } = await makeClass(1);
    const student = students[0]!;
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Group A" });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: student.membershipId, groupId: group.id });

    await changeMemberRole({ actorId: instructor.id, courseId: course.id, membershipId: student.membershipId, role: "TA" });
    expect(await membershipOf(course.id, student)).toMatchObject({ role: "TA", groupId: null });
    await changeMemberRole({ actorId: instructor.id, courseId: course.id, membershipId: student.membershipId, role: "STUDENT" });
    expect((await membershipOf(course.id, student)).role).toBe("STUDENT");
  });

  it("[ROLES] only instructors change roles or remove members; TAs and students are FORBIDDEN", async () => {
    const { course, ta, students, instructorMembershipId } = await makeClass(2);
    for (const actor of [ta, students[0]!]) {
      await expect(
        changeMemberRole({ actorId: actor.id, courseId: course.id, membershipId: students[1]!.membershipId, role: "TA" }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(removeMember({ actorId: actor.id, courseId: course.id, membershipId: instructorMembershipId })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await getDb().membership.count({ where: { courseId: course.id } })).toBe(4);
  });

  it("[ROLES] the last instructor can be neither demoted nor removed, but can once a second instructor exists", async () => {
    const { course, instructor, instructorMembershipId, ta, taMembershipId } = await makeClass(1);
    await expect(
      changeMemberRole({ actorId: instructor.id, courseId: course.id, membershipId: instructorMembershipId, role: "TA" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(removeMember({ actorId: instructor.id, courseId: course.id, membershipId: instructorMembershipId })).rejects.toMatchObject(
      {
        code: "CONFLICT",
      },
    );
    expect((await membershipOf(course.id, instructor)).role).toBe("INSTRUCTOR");

    await changeMemberRole({ actorId: instructor.id, courseId: course.id, membershipId: taMembershipId, role: "INSTRUCTOR" });
    await changeMemberRole({ actorId: instructor.id, courseId: course.id, membershipId: instructorMembershipId, role: "STUDENT" });
    expect((await membershipOf(course.id, instructor)).role).toBe("STUDENT");
    await removeMember({ actorId: ta.id, courseId: course.id, membershipId: instructorMembershipId });
    expect(await getDb().membership.count({ where: { courseId: course.id, userId: instructor.id } })).toBe(0);
    // Now the former TA is the only instructor left.
    await expect(removeMember({ actorId: ta.id, courseId: course.id, membershipId: taMembershipId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("[ROLES] a member of another course cannot be changed or removed through this one", async () => {
    const { course, instructor } = await makeClass(0);
    const other = await makeClass(1);
    const elsewhere = other.students[0]!.membershipId;
    await expect(
      changeMemberRole({ actorId: instructor.id, courseId: course.id, membershipId: elsewhere, role: "TA" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeMember({ actorId: instructor.id, courseId: course.id, membershipId: elsewhere })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await membershipOf(other.course.id, other.students[0]!)).role).toBe("STUDENT");
  });

  it("[ROLES] two instructors demoting each other at the same time leave at least one instructor", async () => {
    for (let round = 0; round < 5; round += 1) {
      const first = await makeUser("Instructor");
      const second = await makeUser("Instructor");
      const course = await makeCourse(first);
      const secondMembershipId = await addMember(course.id, second, "INSTRUCTOR");
      const firstMembershipId = (await membershipOf(course.id, first)).id;

      const results = await Promise.allSettled([
        changeMemberRole({ actorId: first.id, courseId: course.id, membershipId: secondMembershipId, role: "STUDENT" }),
        changeMemberRole({ actorId: second.id, courseId: course.id, membershipId: firstMembershipId, role: "STUDENT" }),
      ]);

      expect(await getDb().membership.count({ where: { courseId: course.id, role: "INSTRUCTOR" } })).toBe(1);
      const rejected = only(results.filter((result): result is PromiseRejectedResult => result.status === "rejected"));
      // The loser either saw the other's demotion as leaving one instructor, or was no longer one.
      expect(["CONFLICT", "FORBIDDEN"]).toContain((rejected.reason as AppError).code);
    }
  });

  it("[ROLES] two instructors removing each other at the same time leave at least one instructor", async () => {
    const first = await makeUser("Instructor");
    const second = await makeUser("Instructor");
    const course = await makeCourse(first);
    const secondMembershipId = await addMember(course.id, second, "INSTRUCTOR");
    const firstMembershipId = (await membershipOf(course.id, first)).id;

    await Promise.allSettled([
      removeMember({ actorId: first.id, courseId: course.id, membershipId: secondMembershipId }),
      removeMember({ actorId: second.id, courseId: course.id, membershipId: firstMembershipId }),
    ]);
    expect(await getDb().membership.count({ where: { courseId: course.id, role: "INSTRUCTOR" } })).toBe(1);
  });
});

describe("groups", () => {
  it("[GROUPS] staff create and rename groups; a name already used in the course is a CONFLICT", async () => {
    const { course, instructor, ta } = await makeClass(0);
    const alpha = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Alpha" });
    const beta = await createGroup({ actorId: ta.id, courseId: course.id, name: "Beta" });
    await expect(createGroup({ actorId: instructor.id, courseId: course.id, name: "Alpha" })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: [expect.any(String)] },
    });

    await renameGroup({ actorId: ta.id, courseId: course.id, groupId: alpha.id, name: "Gamma" });
    await expect(renameGroup({ actorId: instructor.id, courseId: course.id, groupId: beta.id, name: "Gamma" })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: [expect.any(String)] },
    });
    const groups = await getDb().group.findMany({
      where: { courseId: course.id },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    });
    expect(groups).toEqual([
      { id: beta.id, name: "Beta" },
      { id: alpha.id, name: "Gamma" },
    ]);

    // Names are per course: another course may use the same one.
    const other = await makeClass(0);
    await expect(createGroup({ actorId: other.instructor.id, courseId: other.course.id, name: "Gamma" })).resolves.toMatchObject({
      id: expect.any(String),
    });
  });

  it("[GROUPS] students cannot create, rename, delete or fill groups", async () => {
    const { course, instructor, students } = await makeClass(2);
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Alpha" });
    const actorId = students[0]!.id;
    await expect(createGroup({ actorId, courseId: course.id, name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(renameGroup({ actorId, courseId: course.id, groupId: group.id, name: "Mine" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(deleteGroup({ actorId, courseId: course.id, groupId: group.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      moveMemberToGroup({ actorId, courseId: course.id, membershipId: students[1]!.membershipId, groupId: group.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(splitIntoGroups({ actorId, courseId: course.id, groupSize: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().group.findMany({ where: { courseId: course.id }, select: { name: true } })).toEqual([{ name: "Alpha" }]);
  });

  it("[GROUPS] deleting a group keeps its members in the course, without a group", async () => {
    const { course, instructor, students } = await makeClass(2);
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Alpha" });
    for (const student of students) {
      await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: student.membershipId, groupId: group.id });
    }
    await deleteGroup({ actorId: instructor.id, courseId: course.id, groupId: group.id });

    expect(await getDb().group.count({ where: { id: group.id } })).toBe(0);
    for (const student of students) {
      expect(await membershipOf(course.id, student)).toMatchObject({ role: "STUDENT", groupId: null });
    }
    await expect(deleteGroup({ actorId: instructor.id, courseId: course.id, groupId: group.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("[GROUPS] staff move a student into a group and out again", async () => {
    const { course, ta, students } = await makeClass(1);
    const student = students[0]!;
    const group = await createGroup({ actorId: ta.id, courseId: course.id, name: "Alpha" });
    await moveMemberToGroup({ actorId: ta.id, courseId: course.id, membershipId: student.membershipId, groupId: group.id });
    expect((await membershipOf(course.id, student)).groupId).toBe(group.id);
    await moveMemberToGroup({ actorId: ta.id, courseId: course.id, membershipId: student.membershipId, groupId: null });
    expect((await membershipOf(course.id, student)).groupId).toBeNull();
  });

  it("[GROUPS] a student is in at most one group: moving them to B takes them out of A", async () => {
    const { course, instructor, students } = await makeClass(1);
    const student = students[0]!;
    const groupA = await createGroup({ actorId: instructor.id, courseId: course.id, name: "A" });
    const groupB = await createGroup({ actorId: instructor.id, courseId: course.id, name: "B" });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: student.membershipId, groupId: groupA.id });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: student.membershipId, groupId: groupB.id });

    expect(await getDb().membership.count({ where: { groupId: groupA.id } })).toBe(0);
    expect(await getDb().membership.findMany({ where: { groupId: groupB.id }, select: { id: true } })).toEqual([
      { id: student.membershipId },
    ]);
    expect(await getDb().membership.count({ where: { courseId: course.id, userId: student.id } })).toBe(1);
  });

  it("[GROUPS] a group of another course is NOT_FOUND, and the student stays where they were", async () => {
    const { course, instructor, students } = await makeClass(1);
    const other = await makeClass(0);
    const foreignGroup = await createGroup({ actorId: other.instructor.id, courseId: other.course.id, name: "Foreign" });
    await expect(
      moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: students[0]!.membershipId, groupId: foreignGroup.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      renameGroup({ actorId: instructor.id, courseId: course.id, groupId: foreignGroup.id, name: "Taken" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteGroup({ actorId: instructor.id, courseId: course.id, groupId: foreignGroup.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await membershipOf(course.id, students[0]!)).groupId).toBeNull();
    expect(await getDb().group.findUniqueOrThrow({ where: { id: foreignGroup.id } })).toMatchObject({ name: "Foreign" });
  });

  it("[GROUPS] staff cannot be placed in a group", async () => {
    const { course, instructor, instructorMembershipId, ta, taMembershipId } = await makeClass(0);
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Alpha" });
    for (const membershipId of [instructorMembershipId, taMembershipId]) {
      await expect(
        moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId, groupId: group.id }),
      ).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
    expect(await membershipOf(course.id, ta)).toMatchObject({ groupId: null });
    expect(await membershipOf(course.id, instructor)).toMatchObject({ groupId: null });
  });
});

describe("splitIntoGroups", () => {
  async function groupsOf(courseId: string) {
    return getDb().group.findMany({
      where: { courseId },
      select: { id: true, name: true, memberships: { select: { id: true, role: true } } },
    });
  }

  it("[GROUPS] splitting 10 students by 4 makes groups of 4, 3 and 3; every student in exactly one, staff in none", async () => {
    const { course, instructor, instructorMembershipId, taMembershipId, students } = await makeClass(10);
    expect(await splitIntoGroups({ actorId: instructor.id, courseId: course.id, groupSize: 4 })).toEqual({ groupCount: 3 });

    const groups = await groupsOf(course.id);
    expect(groups.map((group) => group.memberships.length).sort((a, b) => b - a)).toEqual([4, 3, 3]);
    expect(groups.map((group) => group.name).sort()).toEqual(["Group 1", "Group 2", "Group 3"]);
    const placed = groups.flatMap((group) => group.memberships);
    expect(placed.every((member) => member.role === "STUDENT")).toBe(true);
    expect(placed.map((member) => member.id).sort()).toEqual(students.map((student) => student.membershipId).sort());

    const staff = await getDb().membership.findMany({
      where: { id: { in: [instructorMembershipId, taMembershipId] } },
      select: { groupId: true },
    });
    expect(staff).toEqual([{ groupId: null }, { groupId: null }]);
  });

  it("[GROUPS] splitting again replaces the old groups", async () => {
    const { course, ta, students } = await makeClass(5);
    const handMade = await createGroup({ actorId: ta.id, courseId: course.id, name: "Hand-made" });
    await moveMemberToGroup({ actorId: ta.id, courseId: course.id, membershipId: students[0]!.membershipId, groupId: handMade.id });
    await splitIntoGroups({ actorId: ta.id, courseId: course.id, groupSize: 2 });
    const firstIds = (await groupsOf(course.id)).map((group) => group.id);
    expect(firstIds).toHaveLength(3);
    expect(firstIds).not.toContain(handMade.id);

    expect(await splitIntoGroups({ actorId: ta.id, courseId: course.id, groupSize: 5 })).toEqual({ groupCount: 1 });
    const second = await groupsOf(course.id);
    expect(await getDb().group.count({ where: { id: { in: [...firstIds, handMade.id] } } })).toBe(0);
    expect(only(second).memberships).toHaveLength(5);
  });

  it("[GROUPS] a group size of 0 is a VALIDATION error and leaves the groups alone", async () => {
    const { course, instructor, students } = await makeClass(2);
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Alpha" });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: students[0]!.membershipId, groupId: group.id });
    for (const groupSize of [0, -1, 2.5]) {
      await expect(splitIntoGroups({ actorId: instructor.id, courseId: course.id, groupSize })).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { groupSize: [expect.any(String)] },
      });
    }
    expect((await groupsOf(course.id)).map((existing) => existing.id)).toEqual([group.id]);
    expect((await membershipOf(course.id, students[0]!)).groupId).toBe(group.id);
  });

  it("[GROUPS] splitting a course without students is a CONFLICT and leaves its groups alone", async () => {
    const { course, instructor } = await makeClass(0);
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Empty" });
    await expect(splitIntoGroups({ actorId: instructor.id, courseId: course.id, groupSize: 3 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await groupsOf(course.id)).map((existing) => existing.id)).toEqual([group.id]);
  });
});

describe("loadCourseForActor and listMyCourses", () => {
  it("[COURSES] staff see every member on the roster, the groups with their counts and the join code", async () => {
    const { course, instructor, ta, students } = await makeClass(3);
    const group = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Alpha" });
    await createGroup({ actorId: instructor.id, courseId: course.id, name: "Beta" });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: students[0]!.membershipId, groupId: group.id });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: students[1]!.membershipId, groupId: group.id });

    for (const [actor, role] of [
      [instructor, "INSTRUCTOR"],
      [ta, "TA"],
    ] as const) {
      const view = await loadCourseForActor({ actorId: actor.id, courseId: course.id });
      expect(view).toMatchObject({ id: course.id, title: "Comparative Constitutions", term: "Spring", myRole: role, myGroup: null });
      expect(view.staff).not.toBeNull();
      expect(view.staff!.joinCode).toBe(course.joinCode);
      expect(view.staff!.joinEnabled).toBe(true);
      expect(view.staff!.members.map((member) => member.userId).sort()).toEqual(
        [instructor.id, ta.id, ...students.map((student) => student.id)].sort(),
      );
      expect(view.staff!.members.find((member) => member.userId === students[0]!.id)).toMatchObject({
        membershipId: students[0]!.membershipId,
        name: students[0]!.name,
        email: students[0]!.email,
        role: "STUDENT",
        groupId: group.id,
      });
      expect(view.staff!.groups).toEqual([
        { id: group.id, name: "Alpha", memberCount: 2 },
        { id: expect.any(String), name: "Beta", memberCount: 0 },
      ]);
    }
  });

  it("[COURSES] a student sees no roster or join code, only their own group and its members", async () => {
    const { course, instructor, students } = await makeClass(3);
    const mine = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Mine" });
    const theirs = await createGroup({ actorId: instructor.id, courseId: course.id, name: "Theirs" });
    const [me, mate, stranger] = students as [(typeof students)[number], (typeof students)[number], (typeof students)[number]];
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: me.membershipId, groupId: mine.id });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: mate.membershipId, groupId: mine.id });
    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: stranger.membershipId, groupId: theirs.id });

    const view = await loadCourseForActor({ actorId: me.id, courseId: course.id });
    expect(view.staff).toBeNull();
    expect(view.myRole).toBe("STUDENT");
    expect(view.myMembershipId).toBe(me.membershipId);
    expect(view.myGroup?.id).toBe(mine.id);
    expect(view.myGroup?.name).toBe("Mine");
    expect(view.myGroup?.members.map((member) => member.name).sort()).toEqual([me.name, mate.name].sort());
    expect(JSON.stringify(view)).not.toContain(course.joinCode);
    expect(JSON.stringify(view)).not.toContain(stranger.name);

    await moveMemberToGroup({ actorId: instructor.id, courseId: course.id, membershipId: me.membershipId, groupId: null });
    expect((await loadCourseForActor({ actorId: me.id, courseId: course.id })).myGroup).toBeNull();
  });

  it("[COURSES] my courses lists only the courses I am in, with my role and the member count", async () => {
    const { course: taught, instructor, ta, students } = await makeClass(2);
    const me = students[0]!;
    const other = await makeClass(1);
    await joinCourse({ actorId: me.id, code: other.course.joinCode });
    const unrelated = await makeClass(1);

    const mine = await listMyCourses({ actorId: me.id });
    expect(mine.map((course) => course.id).sort()).toEqual([taught.id, other.course.id].sort());
    expect(mine.map((course) => course.id)).not.toContain(unrelated.course.id);
    expect(mine.find((course) => course.id === taught.id)).toMatchObject({
      role: "STUDENT",
      memberCount: 4,
      title: "Comparative Constitutions",
      groupName: null,
    });
    expect(mine.find((course) => course.id === other.course.id)).toMatchObject({ role: "STUDENT", memberCount: 4 });

    expect(await listMyCourses({ actorId: instructor.id })).toEqual([
      expect.objectContaining({ id: taught.id, role: "INSTRUCTOR", memberCount: 4 }),
    ]);
    expect(await listMyCourses({ actorId: ta.id })).toEqual([expect.objectContaining({ id: taught.id, role: "TA", memberCount: 4 })]);
    expect(await listMyCourses({ actorId: (await makeUser("Nobody")).id })).toEqual([]);
  });
});

describe("leaveCourse", () => {
  it("[COURSES] a student leaves a course; their membership is gone and the code lets them back in", async () => {
    const { course, students } = await makeClass(1);
    const student = students[0]!;
    await leaveCourse({ actorId: student.id, courseId: course.id });
    expect(await getDb().membership.count({ where: { courseId: course.id, userId: student.id } })).toBe(0);
    await expect(loadCourseForActor({ actorId: student.id, courseId: course.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const again = await joinCourse({ actorId: student.id, code: course.joinCode });
    expect(again.wasAlreadyMember).toBe(false);
  });

  it("[COURSES] the last instructor cannot leave; one of two instructors can", async () => {
    const { course, instructor, ta, taMembershipId } = await makeClass(0);
    await expect(leaveCourse({ actorId: instructor.id, courseId: course.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await changeMemberRole({ actorId: instructor.id, courseId: course.id, membershipId: taMembershipId, role: "INSTRUCTOR" });
    await leaveCourse({ actorId: instructor.id, courseId: course.id });
    expect((await membershipOf(course.id, ta)).role).toBe("INSTRUCTOR");
  });

  it("[COURSES] leaving a course one is not in is the usual not-found", async () => {
    const { course } = await makeClass(0);
    const outsider = await makeUser("Outsider");
    await expect(leaveCourse({ actorId: outsider.id, courseId: course.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Course not found.",
    });
  });
});
