import "server-only";
import { getDb } from "../db.ts";
import { requireCourseRole, type CourseActorRef } from "./course-access.ts";

/**
 * Archives a course (read-only for everyone: no posts, edits, reactions, roster or assignment
 * changes; reading, grades and exports stay) or restores it. Instructors only.
 */
export async function setCourseArchived({
  actorId,
  courseId,
  isArchived,
  now = new Date(),
}: CourseActorRef & { isArchived: boolean; now?: Date }): Promise<void> {
  await requireCourseRole({ actorId, courseId, permission: "manageCourse" });
  await getDb().course.update({ where: { id: courseId }, data: { archivedAt: isArchived ? now : null } });
}
