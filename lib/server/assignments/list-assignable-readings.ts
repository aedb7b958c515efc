import "server-only";
import { getDb } from "../db.ts";

/** Readings an instructor may assign (the rule of requireAssignableReading), by title. */
export async function listAssignableReadings({ actorId }: { actorId: string }): Promise<{ id: string; title: string }[]> {
  return getDb().reading.findMany({
    where: {
      OR: [
        { isPublic: true },
        { createdById: actorId },
        { assignments: { some: { course: { memberships: { some: { userId: actorId, role: { in: ["INSTRUCTOR", "TA"] } } } } } } },
      ],
    },
    orderBy: { title: "asc" },
    select: { id: true, title: true },
    take: 500,
  });
}
