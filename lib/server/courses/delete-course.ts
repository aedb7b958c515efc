import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { requireCourseRole, type CourseActorRef } from "./course-access.ts";

export const DELETE_COURSE_CONFIRMATION_MESSAGE = "Type the course's title exactly as shown to delete it.";

/**
 * Deletes a course and everything in it: memberships, groups, assignments with their rubrics and
 * grades, and every post made in it (with their replies, reactions and notifications). Instructors
 * only, who confirm by typing the course's title. Readings stay (they belong to the library).
 * Members' open pages of the course lose their live stream at once.
 */
export async function deleteCourse({ actorId, courseId, confirmTitle }: CourseActorRef & { confirmTitle: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await requireCourseRole({ actorId, courseId, permission: "manageCourse" }, tx);
    const course = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { title: true } });
    if (confirmTitle.trim() !== course.title.trim()) {
      throw new AppError("VALIDATION", DELETE_COURSE_CONFIRMATION_MESSAGE, {
        fieldErrors: { confirmTitle: [DELETE_COURSE_CONFIRMATION_MESSAGE] },
      });
    }
    const members = await tx.membership.findMany({ where: { courseId }, select: { userId: true } });
    // Cascades (schema.prisma) remove what the course holds.
    await tx.course.delete({ where: { id: courseId } });
    for (const member of members) await announceRevocation(tx, { kind: "membership", userId: member.userId, courseId });
  });
}
