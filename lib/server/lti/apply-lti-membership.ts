import "server-only";
import type { CourseRole } from "../../domain/lti.ts";
import { lockCourseMemberships } from "../courses/lock-course-memberships.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * The LMS says what the launching person is in the course, so the membership follows it: made on
 * the first launch, changed when the LMS's role changes — except that the last instructor is
 * never demoted (the course would have nobody to manage it).
 */
export async function applyLtiMembership(
  tx: Prisma.TransactionClient,
  { userId, courseId, role }: { userId: string; courseId: string; role: CourseRole },
) {
  const members = await lockCourseMemberships(tx, courseId);
  const membership = members.find((member) => member.userId === userId);
  if (!membership) {
    await tx.membership.create({ data: { userId, courseId, role } });
    return;
  }
  if (membership.role === role) return;
  if (membership.role === "INSTRUCTOR" && members.filter((member) => member.role === "INSTRUCTOR").length <= 1) return;
  await tx.membership.update({ where: { id: membership.id }, data: { role } });
}
