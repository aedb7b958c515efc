import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { requireCourseRole } from "./course-access.ts";
import { GROUP_NAME_TAKEN } from "./group-input.ts";

/** Renames a group of this course. Instructors and TAs. */
export async function renameGroup({
  actorId,
  courseId,
  groupId,
  name,
}: {
  actorId: string;
  courseId: string;
  groupId: string;
  name: string;
}): Promise<void> {
  await requireCourseRole({ actorId, courseId, permission: "manageGroups" });
  try {
    const updated = await getDb().group.updateMany({ where: { id: groupId, courseId }, data: { name } });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "That group is not in this course.");
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", GROUP_NAME_TAKEN, { fieldErrors: { name: [GROUP_NAME_TAKEN] } });
    throw error;
  }
}
