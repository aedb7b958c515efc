import "server-only";
import { randomInt } from "node:crypto";
import { planGroupSplit } from "../../domain/group-split.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { requireCourseRole, STAFF_ROLES } from "./course-access.ts";

/**
 * Splits all the course's students into new groups of about `groupSize` (balanced, random),
 * replacing the existing groups. Instructors and TAs. One transaction: a failure leaves the old
 * groups as they were. Students who were in a group stop reading its posts: their live streams
 * of the course end at once.
 */
export async function splitIntoGroups({
  actorId,
  courseId,
  groupSize,
}: {
  actorId: string;
  courseId: string;
  groupSize: number;
}): Promise<{ groupCount: number }> {
  if (!Number.isInteger(groupSize) || groupSize < 1 || groupSize > 500) {
    throw new AppError("VALIDATION", "Group size must be a whole number from 1 to 500.", {
      fieldErrors: { groupSize: ["Enter a whole number from 1 to 500."] },
    });
  }
  return getDb().$transaction(async (tx) => {
    await requireCourseRole({ actorId, courseId, roles: STAFF_ROLES }, tx);
    const students = await tx.membership.findMany({
      where: { courseId, role: "STUDENT" },
      select: { id: true, userId: true, groupId: true },
      orderBy: { id: "asc" },
    });
    if (students.length === 0) throw new AppError("CONFLICT", "There are no students to split yet. Share the join code first.");
    const plan = planGroupSplit(shuffle(students.map((student) => student.id)), groupSize);
    await tx.group.deleteMany({ where: { courseId } });
    await tx.group.createMany({ data: plan.map((group) => ({ courseId, name: group.name })) });
    const groups = await tx.group.findMany({ where: { courseId }, select: { id: true, name: true } });
    const idByName = new Map(groups.map((group) => [group.name, group.id]));
    for (const group of plan) {
      await tx.membership.updateMany({ where: { id: { in: group.memberIds } }, data: { groupId: idByName.get(group.name)! } });
    }
    for (const student of students) {
      if (student.groupId !== null) await announceRevocation(tx, { kind: "membership", userId: student.userId, courseId });
    }
    return { groupCount: plan.length };
  });
}

/** Fisher–Yates with a cryptographic source (fair, unpredictable groups). */
function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
