import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { requireCourseRole } from "./course-access.ts";
import { GROUP_NAME_TAKEN } from "./group-input.ts";

/** A new, empty group. Instructors and TAs. */
export async function createGroup({
  actorId,
  courseId,
  name,
}: {
  actorId: string;
  courseId: string;
  name: string;
}): Promise<{ id: string }> {
  await requireCourseRole({ actorId, courseId, permission: "manageGroups" });
  try {
    return await getDb().group.create({ data: { courseId, name }, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", GROUP_NAME_TAKEN, { fieldErrors: { name: [GROUP_NAME_TAKEN] } });
    throw error;
  }
}
