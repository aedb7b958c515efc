import "server-only";
import { getDb } from "../db.ts";
import { assignableReadingsWhere } from "./assignment-rules.ts";

/** Readings an instructor may assign (assignableReadingsWhere), by title. */
export async function listAssignableReadings({ actorId }: { actorId: string }): Promise<{ id: string; title: string }[]> {
  return getDb().reading.findMany({
    where: assignableReadingsWhere(actorId),
    orderBy: { title: "asc" },
    select: { id: true, title: true },
    take: 500,
  });
}
