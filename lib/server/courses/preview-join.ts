import "server-only";
import { getDb } from "../db.ts";
import { findCourseByJoinCode } from "./join-course.ts";

/** What the join link shows before joining: the open course behind the code and whether the
 *  actor is already in it; null when the code opens nothing. */
export async function previewJoin({ actorId, code }: { actorId: string; code: string }): Promise<{
  course: { id: string; title: string; term: string };
  isMember: boolean;
} | null> {
  const course = await findCourseByJoinCode({ code });
  if (!course) return null;
  const membership = await getDb().membership.findUnique({
    where: { userId_courseId: { userId: actorId, courseId: course.id } },
    select: { id: true },
  });
  return { course, isMember: membership !== null };
}
