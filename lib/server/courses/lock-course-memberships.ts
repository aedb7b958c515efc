import "server-only";
import { AppError } from "../app-error.ts";
import type { Prisma, Role } from "../generated/prisma/client.ts";
import { requireCourseRole, type CourseActorRef } from "./course-access.ts";

/**
 * Locks a course's membership rows for the rest of the transaction, so two instructors changing
 * roles at once cannot both remove "the other" last instructor.
 */
export async function lockCourseMemberships(
  tx: Prisma.TransactionClient,
  courseId: string,
): Promise<{ id: string; userId: string; role: Role; groupId: string | null }[]> {
  return tx.$queryRaw`
    SELECT "id", "userId", "role"::text AS "role", "groupId"
    FROM "Membership" WHERE "courseId" = ${courseId}
    ORDER BY "id" FOR UPDATE`;
}

/** Who asks, about which member of which course: what every roster change starts from. */
export type RosterTargetRef = CourseActorRef & { membershipId: string };

/**
 * The roster change's common start: the actor must manage the roster, the course's memberships
 * are locked, and the member named must be in the course. Returns them with the instructor count.
 */
export async function lockRosterTarget(
  tx: Prisma.TransactionClient,
  { actorId, courseId, membershipId }: RosterTargetRef,
): Promise<{ target: { id: string; userId: string; role: Role; groupId: string | null }; instructorCount: number }> {
  await requireCourseRole({ actorId, courseId, permission: "manageRoster" }, tx);
  const members = await lockCourseMemberships(tx, courseId);
  const target = members.find((member) => member.id === membershipId);
  if (!target) throw new AppError("NOT_FOUND", "That person is not in this course.");
  return { target, instructorCount: members.filter((member) => member.role === "INSTRUCTOR").length };
}
