import "server-only";
import { isStaffRole } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import { readingReadScope } from "../readings/reading-access.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";

export type SearchOptions = {
  courses: { id: string; title: string; groups: { id: string; name: string }[] }[];
  readings: { id: string; title: string }[];
};

/**
 * The choices of the search form's filters: the actor's courses with the groups they may filter
 * by (staff: every group; a student: their own), and the readings they can reach (the shared
 * library and those assigned in their courses). Two queries after the actor's context.
 */
export async function listSearchOptions({ actorId }: { actorId: string }): Promise<SearchOptions> {
  const actor = await loadActorContext(actorId);
  const courseIds = actor.memberships.map((membership) => membership.courseId);
  const db = getDb();
  const [courses, readings] = await Promise.all([
    db.course.findMany({
      where: { id: { in: courseIds } },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      select: { id: true, title: true, groups: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
    }),
    db.reading.findMany({
      where: readingReadScope(actor),
      orderBy: [{ title: "asc" }, { id: "asc" }],
      take: 200,
      select: { id: true, title: true },
    }),
  ]);
  return {
    courses: courses.map((course) => {
      const membership = actor.memberships.find((item) => item.courseId === course.id);
      const groups =
        membership && isStaffRole(membership.role) ? course.groups : course.groups.filter((group) => group.id === membership?.groupId);
      return { id: course.id, title: course.title, groups };
    }),
    readings,
  };
}
