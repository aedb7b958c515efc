import "server-only";
import { AppError, courseNotFound } from "../app-error.ts";
import { getDb } from "../db.ts";
import { describePermissionHolders, hasCoursePermission, type CoursePermission } from "../../domain/course-permissions.ts";
import type { Prisma, Role } from "../generated/prisma/client.ts";

export type CourseMembership = { id: string; courseId: string; userId: string; role: Role; groupId: string | null };

export { isStaffRole } from "../../domain/permissions.ts";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

/**
 * The actor's membership of a course. Not a member (or no such course) → NOT_FOUND, the same
 * answer either way so a course's existence is never revealed. A member whose role lacks
 * `permission` (lib/domain/course-permissions.ts) → FORBIDDEN.
 */
export async function requireCourseRole(
  { actorId, courseId, permission }: { actorId: string; courseId: string; permission?: CoursePermission },
  db: Db = getDb(),
): Promise<CourseMembership> {
  const membership = await db.membership.findUnique({
    where: { userId_courseId: { userId: actorId, courseId } },
    select: { id: true, courseId: true, userId: true, role: true, groupId: true },
  });
  if (!membership) throw courseNotFound();
  if (permission && !hasCoursePermission(membership.role, permission)) {
    throw new AppError("FORBIDDEN", `Only ${describePermissionHolders(permission)} can do that.`);
  }
  return membership;
}
