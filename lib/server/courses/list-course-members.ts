import "server-only";
import { getDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";
import { requireCourseRole } from "./course-access.ts";

/** Names of a course's members, for @mentions: any member may see them (not their emails). */
export async function listCourseMembers({
  actorId,
  courseId,
}: {
  actorId: string;
  courseId: string;
}): Promise<{ id: string; name: string; role: Role }[]> {
  await requireCourseRole({ actorId, courseId });
  const members = await getDb().membership.findMany({
    where: { courseId },
    orderBy: { user: { name: "asc" } },
    select: { role: true, user: { select: { id: true, name: true } } },
  });
  return members.map((member) => ({ id: member.user.id, name: member.user.name, role: member.role }));
}
