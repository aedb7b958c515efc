import "server-only";
import type { Prisma, Role } from "../generated/prisma/client.ts";

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
