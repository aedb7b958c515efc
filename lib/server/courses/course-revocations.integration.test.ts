import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";
import { listenForRevocationsInTests } from "../testing/revocation-listener.ts";
import { changeMemberRole } from "./change-member-role.ts";
import { createCourse } from "./create-course.ts";
import { createGroup } from "./create-group.ts";
import { deleteGroup } from "./delete-group.ts";
import { leaveCourse } from "./leave-course.ts";
import { moveMemberToGroup } from "./move-member-to-group.ts";
import { removeMember } from "./remove-member.ts";
import { splitIntoGroups } from "./split-into-groups.ts";

// Every course service that takes access away announces it on the revocation channel (issue
// #14.6: the live channel ends the person's streams of the course at once), after commit only:
// a refused change announces nothing.

const userIds: string[] = [];
const courseIds: string[] = [];
const listener = listenForRevocationsInTests();

afterAll(async () => {
  await getDb().course.deleteMany({ where: { id: { in: courseIds } } });
  await getDb().user.deleteMany({ where: { id: { in: userIds } } });
  await disconnectDb();
});

async function makeUser(label: string): Promise<{ id: string }> {
  const user = await getDb().user.create({
    data: { email: `${randomUUID()}@example.test`, name: `${label} ${randomUUID().slice(0, 6)}`, passwordHash: "x" },
    select: { id: true },
  });
  userIds.push(user.id);
  return user;
}

async function makeCourse() {
  const instructor = await makeUser("Instructor");
  const course = await createCourse({ actorId: instructor.id, input: { title: "Revocations", term: "" } });
  courseIds.push(course.id);
  const add = async (role: Role, groupId: string | null = null) => {
    const user = await makeUser(role);
    const membership = await getDb().membership.create({
      data: { courseId: course.id, userId: user.id, role, groupId },
      select: { id: true },
    });
    return { userId: user.id, membershipId: membership.id };
  };
  return { courseId: course.id, instructorId: instructor.id, add };
}

const membershipRevocation = (userId: string, courseId: string) => ({ kind: "membership", userId, courseId });

describe("course services announce what they take away", () => {
  it("[REVOCATION] removing a member announces their membership of that course; a refused removal announces nothing", async () => {
    const { courseId, instructorId, add } = await makeCourse();
    const student = await add("STUDENT");
    const bystander = await add("STUDENT");
    await expect(removeMember({ actorId: bystander.userId, courseId, membershipId: student.membershipId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await listener.settle()).toEqual([]);

    await removeMember({ actorId: instructorId, courseId, membershipId: student.membershipId });
    expect(await listener.settle()).toEqual([membershipRevocation(student.userId, courseId)]);
  });

  it("[REVOCATION] leaving a course announces it; the last instructor's refused leave announces nothing", async () => {
    const { courseId, instructorId, add } = await makeCourse();
    const student = await add("STUDENT");
    await leaveCourse({ actorId: student.userId, courseId });
    expect(await listener.settle()).toEqual([membershipRevocation(student.userId, courseId)]);
    await expect(leaveCourse({ actorId: instructorId, courseId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await listener.settle()).toEqual([]);
  });

  it("[REVOCATION] a TA made a student (no longer reads every group) is announced; a promotion is not", async () => {
    const { courseId, instructorId, add } = await makeCourse();
    const ta = await add("TA");
    const student = await add("STUDENT");
    await changeMemberRole({ actorId: instructorId, courseId, membershipId: student.membershipId, role: "TA" });
    expect(await listener.settle()).toEqual([]);
    await changeMemberRole({ actorId: instructorId, courseId, membershipId: ta.membershipId, role: "STUDENT" });
    expect(await listener.settle()).toEqual([membershipRevocation(ta.userId, courseId)]);
  });

  it("[REVOCATION] a student moved out of their group, or whose group is deleted or re-split, is announced", async () => {
    const { courseId, instructorId, add } = await makeCourse();
    const groupA = (await createGroup({ actorId: instructorId, courseId, name: "A" })).id;
    const groupB = (await createGroup({ actorId: instructorId, courseId, name: "B" })).id;
    const inA = await add("STUDENT", groupA);
    const inB = await add("STUDENT", groupB);
    const noGroup = await add("STUDENT");

    // Into a group from none: nothing was taken away.
    await moveMemberToGroup({ actorId: instructorId, courseId, membershipId: noGroup.membershipId, groupId: groupA });
    expect(await listener.settle()).toEqual([]);
    await moveMemberToGroup({ actorId: instructorId, courseId, membershipId: inA.membershipId, groupId: groupB });
    expect(await listener.settle()).toEqual([membershipRevocation(inA.userId, courseId)]);

    await deleteGroup({ actorId: instructorId, courseId, groupId: groupB });
    expect(await listener.settle()).toEqual(
      expect.arrayContaining([membershipRevocation(inA.userId, courseId), membershipRevocation(inB.userId, courseId)]),
    );

    await splitIntoGroups({ actorId: instructorId, courseId, groupSize: 2 });
    // Only noGroup was still in a group (A); the others had none left.
    expect(await listener.settle()).toEqual([membershipRevocation(noGroup.userId, courseId)]);
  });
});
