import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { requireCourseRole } from "./course-access.ts";

/** Deletes a group; its members stay in the course without a group. Instructors and TAs. */
export async function deleteGroup({ actorId, courseId, groupId }: { actorId: string; courseId: string; groupId: string }): Promise<void> {
  await requireCourseRole({ actorId, courseId, permission: "manageGroups" });
  const deleted = await getDb().group.deleteMany({ where: { id: groupId, courseId } });
  if (deleted.count === 0) throw new AppError("NOT_FOUND", "That group is not in this course.");
}
