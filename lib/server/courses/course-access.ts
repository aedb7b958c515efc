import "server-only";
import { AppError, courseNotFound } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Prisma, Role } from "../generated/prisma/client.ts";

export type CourseMembership = { id: string; courseId: string; userId: string; role: Role; groupId: string | null };

export const STAFF_ROLES: readonly Role[] = ["INSTRUCTOR", "TA"];
export { isStaffRole } from "../../domain/permissions.ts";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

/**
 * The actor's membership of a course. Not a member (or no such course) → NOT_FOUND, the same
 * answer either way so a course's existence is never revealed. A member without one of `roles`
 * → FORBIDDEN.
 */
export async function requireCourseRole(
  { actorId, courseId, roles }: { actorId: string; courseId: string; roles?: readonly Role[] },
  db: Db = getDb(),
): Promise<CourseMembership> {
  const membership = await db.membership.findUnique({
    where: { userId_courseId: { userId: actorId, courseId } },
    select: { id: true, courseId: true, userId: true, role: true, groupId: true },
  });
  if (!membership) throw courseNotFound();
  if (roles && !roles.includes(membership.role)) {
    throw new AppError(
      "FORBIDDEN",
      roles.includes("TA") ? "Only the course's instructors and TAs can do that." : "Only the course's instructors can do that.",
    );
  }
  return membership;
}
