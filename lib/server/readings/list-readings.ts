import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import { readingReadScope } from "./reading-access.ts";

export type ReadingSummary = {
  id: string;
  title: string;
  kicker: string | null;
  placeAndDate: string | null;
  paragraphCount: number;
  isPublic: boolean;
};

/** The readings the actor may open, for the library page, newest first, one query (counts of
 *  current paragraphs included). Signed out (null actor): the public ones. */
export async function listReadings({ actor, take = 50 }: { actor: ActorContext | null; take?: number }): Promise<ReadingSummary[]> {
  const readings = await getDb().reading.findMany({
    where: readingReadScope(actor),
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      title: true,
      kicker: true,
      placeAndDate: true,
      isPublic: true,
      _count: { select: { paragraphs: { where: { retiredInVersion: null } } } },
    },
  });
  return readings.map(({ _count, ...reading }) => ({ ...reading, paragraphCount: _count.paragraphs }));
}
