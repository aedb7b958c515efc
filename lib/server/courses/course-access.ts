import "server-only";
import { AppError, courseNotFound } from "../app-error.ts";
import { getDb } from "../db.ts";
import {
  ARCHIVED_COURSE_MESSAGE,
  describePermissionHolders,
  hasCoursePermission,
  isChangingPermission,
  type CoursePermission,
} from "../../domain/course-permissions.ts";
import type { Prisma, Role } from "../generated/prisma/client.ts";

export type CourseMembership = {
  id: string;
  courseId: string;
  userId: string;
  role: Role;
  groupId: string | null;
  isCourseArchived: boolean;
};

export { isStaffRole } from "../../domain/permissions.ts";

/** Who asks, about which course: what every course service starts from. */
export type CourseActorRef = { actorId: string; courseId: string };

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

/**
 * The actor's membership of a course. Not a member (or no such course) → NOT_FOUND, the same
 * answer either way so a course's existence is never revealed. A member whose role lacks
 * `permission` (lib/domain/course-permissions.ts) → FORBIDDEN. A change (a changing permission,
 * or `isChange` for one that also reads, such as saving a rubric) in an archived course → CONFLICT.
 */
export async function requireCourseRole(
  { actorId, courseId, permission, isChange }: CourseActorRef & { permission?: CoursePermission; isChange?: boolean },
  db: Db = getDb(),
): Promise<CourseMembership> {
  const row = await db.membership.findUnique({
    where: { userId_courseId: { userId: actorId, courseId } },
    select: { id: true, courseId: true, userId: true, role: true, groupId: true, course: { select: { archivedAt: true } } },
  });
  if (!row) throw courseNotFound();
  const { course, ...membership } = row;
  if (permission && !hasCoursePermission(membership.role, permission)) {
    throw new AppError("FORBIDDEN", `Only ${describePermissionHolders(permission)} can do that.`);
  }
  const isCourseArchived = course.archivedAt !== null;
  if (isCourseArchived && (isChange === true || (permission !== undefined && isChangingPermission(permission)))) {
    throw archivedCourseError();
  }
  return { ...membership, isCourseArchived };
}

export function archivedCourseError(): AppError {
  return new AppError("CONFLICT", ARCHIVED_COURSE_MESSAGE);
}
