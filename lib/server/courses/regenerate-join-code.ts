import "server-only";
import { getDb } from "../db.ts";
import { requireCourseRole, type CourseActorRef } from "./course-access.ts";
import { generateJoinCode } from "./generate-join-code.ts";

/** A new join code; the old one stops working at once. Instructors only. */
export async function regenerateJoinCode({ actorId, courseId }: CourseActorRef): Promise<string> {
  await requireCourseRole({ actorId, courseId, permission: "manageJoinCode" });
  const course = await getDb().course.update({
    where: { id: courseId },
    data: { joinCode: generateJoinCode() },
    select: { joinCode: true },
  });
  return course.joinCode!;
}
