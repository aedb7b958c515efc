import "server-only";
import { getDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";

export type MyCourse = {
  id: string;
  title: string;
  term: string;
  role: Role;
  memberCount: number;
  groupName: string | null;
  isArchived: boolean;
};

/** The actor's courses (archived ones included, flagged), newest membership first, in one query. */
export async function listMyCourses({ actorId }: { actorId: string }): Promise<MyCourse[]> {
  const memberships = await getDb().membership.findMany({
    where: { userId: actorId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      role: true,
      group: { select: { name: true } },
      course: { select: { id: true, title: true, term: true, archivedAt: true, _count: { select: { memberships: true } } } },
    },
  });
  return memberships.map(({ role, group, course }) => ({
    id: course.id,
    title: course.title,
    term: course.term,
    role,
    memberCount: course._count.memberships,
    groupName: group?.name ?? null,
    isArchived: course.archivedAt !== null,
  }));
}
