import "server-only";
import { requireCourseRole, type CourseActorRef } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import { listAssignableReadings } from "./list-assignable-readings.ts";

export type NewAssignmentForm = {
  courseTitle: string;
  groups: { id: string; name: string }[];
  readings: { id: string; title: string }[];
};

/**
 * What the "New assignment" form offers: the course's groups and the readings the actor may
 * assign. Not a member → NOT_FOUND; a member who may not assign → FORBIDDEN.
 */
export async function loadNewAssignmentForm({ actorId, courseId }: CourseActorRef): Promise<NewAssignmentForm> {
  await requireCourseRole({ actorId, courseId, permission: "manageAssignments" });
  const db = getDb();
  const [course, groups, readings] = await Promise.all([
    db.course.findUniqueOrThrow({ where: { id: courseId }, select: { title: true } }),
    db.group.findMany({ where: { courseId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listAssignableReadings({ actorId }),
  ]);
  return { courseTitle: course.title, groups, readings };
}
