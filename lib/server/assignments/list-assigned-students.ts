import "server-only";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assignedStudentsWhere } from "./assignment-rules.ts";

export type AssignedStudent = { id: string; name: string; email: string; groupId: string | null; groupName: string | null };

/**
 * The students an assignment is for: every student of the course, or, when the assignment names
 * groups, the students of those groups. Instructors and TAs are never in the list. Callers check
 * the actor's access to the assignment first.
 */
export async function listAssignedStudents({
  courseId,
  groupIds,
  studentId,
}: {
  courseId: string;
  groupIds: readonly string[];
  /** Only this student (empty list when they are not assigned). */
  studentId?: string;
}): Promise<AssignedStudent[]> {
  const members = await getDb().membership.findMany({
    where: { ...assignedStudentsWhere(courseId, groupIds), ...(studentId !== undefined ? { userId: studentId } : {}) },
    orderBy: ASSIGNED_STUDENTS_ORDER,
    select: ASSIGNED_STUDENT_SELECT,
  });
  return members.map(toAssignedStudent);
}

/** What listAssignedStudents selects of a membership, in its order (for callers that list many courses' at once). */
export const ASSIGNED_STUDENT_SELECT = {
  groupId: true,
  group: { select: { name: true } },
  user: { select: { id: true, name: true, email: true } },
} as const satisfies Prisma.MembershipSelect;
export const ASSIGNED_STUDENTS_ORDER = [
  { user: { name: "asc" } },
  { userId: "asc" },
] as const satisfies Prisma.MembershipOrderByWithRelationInput[];

export function toAssignedStudent(member: Prisma.MembershipGetPayload<{ select: typeof ASSIGNED_STUDENT_SELECT }>): AssignedStudent {
  return {
    id: member.user.id,
    name: member.user.name,
    email: member.user.email,
    groupId: member.groupId,
    groupName: member.group?.name ?? null,
  };
}
