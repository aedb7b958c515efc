import "server-only";
import { getDb } from "../db.ts";
import { requireCourseRole } from "./course-access.ts";

/** Opens or closes joining by code and link. Instructors only. */
export async function setJoinEnabled({
  actorId,
  courseId,
  isEnabled,
}: {
  actorId: string;
  courseId: string;
  isEnabled: boolean;
}): Promise<void> {
  await requireCourseRole({ actorId, courseId, permission: "manageJoinCode" });
  await getDb().course.update({ where: { id: courseId }, data: { joinEnabled: isEnabled } });
}
