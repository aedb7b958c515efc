import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { requireCourseRole, type CourseActorRef } from "./course-access.ts";
import { lockCourseMemberships } from "./lock-course-memberships.ts";

/** The actor leaves a course they are in; the last instructor cannot leave. Their posts stay. */
export async function leaveCourse({ actorId, courseId }: CourseActorRef): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const membership = await requireCourseRole({ actorId, courseId }, tx);
    const members = await lockCourseMemberships(tx, courseId);
    if (membership.role === "INSTRUCTOR" && members.filter((member) => member.role === "INSTRUCTOR").length <= 1) {
      throw new AppError("CONFLICT", "You are the last instructor: make someone else an instructor before you leave.");
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await announceRevocation(tx, { kind: "membership", userId: actorId, courseId });
  });
}
