import "server-only";
import { getDb } from "../db.ts";
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
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    select: { groupId: true, group: { select: { name: true } }, user: { select: { id: true, name: true, email: true } } },
  });
  return members.map((member) => ({
    id: member.user.id,
    name: member.user.name,
    email: member.user.email,
    groupId: member.groupId,
    groupName: member.group?.name ?? null,
  }));
}
