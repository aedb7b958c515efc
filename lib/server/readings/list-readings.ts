import "server-only";
import { getDb } from "../db.ts";

export type ReadingSummary = {
  id: string;
  title: string;
  kicker: string | null;
  placeAndDate: string | null;
  paragraphCount: number;
};

/** Readings for the library page, newest first, one query (paragraph counts included). */
export async function listReadings({ take = 50 }: { take?: number } = {}): Promise<ReadingSummary[]> {
  const readings = await getDb().reading.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      title: true,
      kicker: true,
      placeAndDate: true,
      _count: { select: { paragraphs: true } },
    },
  });
  return readings.map(({ _count, ...reading }) => ({ ...reading, paragraphCount: _count.paragraphs }));
}
