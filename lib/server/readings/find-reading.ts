import "server-only";
import { getDb } from "../db.ts";

export type ReadingView = {
  id: string;
  slug: string;
  title: string;
  kicker: string | null;
  placeAndDate: string | null;
  issuedOn: Date | null;
  source: string | null;
  paragraphs: { id: string; position: number; key: string; text: string; startOffset: number }[];
};

/** A reading with its paragraphs in order, or null when there is none with that id. */
export async function findReading({ readingId }: { readingId: string }): Promise<ReadingView | null> {
  return getDb().reading.findUnique({
    where: { id: readingId },
    select: {
      id: true,
      slug: true,
      title: true,
      kicker: true,
      placeAndDate: true,
      issuedOn: true,
      source: true,
      paragraphs: { orderBy: { position: "asc" }, select: { id: true, position: true, key: true, text: true, startOffset: true } },
    },
  });
}
