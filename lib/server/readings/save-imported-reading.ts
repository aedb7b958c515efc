import "server-only";
import type { ImportedReading } from "../../domain/reading-import.ts";
import { getDb } from "../db.ts";

export type SaveImportedReadingOutcome = "created" | "unchanged" | "updated" | "kept-annotated";

/**
 * Stores an imported reading under `slug`, idempotently: the same text twice changes nothing.
 * A changed text replaces the paragraphs only while nobody has annotated the reading; once
 * annotations exist the stored version is kept (re-anchoring onto a new version is the job of
 * reading versions, not of a seed).
 */
export async function saveImportedReading({
  slug,
  reading,
  title,
}: {
  slug: string;
  reading: ImportedReading;
  /** Used when the text itself has no title. */
  title?: string;
}): Promise<{ readingId: string; outcome: SaveImportedReadingOutcome }> {
  const resolvedTitle = reading.title ?? title;
  if (!resolvedTitle) throw new Error(`Reading "${slug}" has no title in its text and none was given.`);
  const fields = {
    title: resolvedTitle,
    kicker: reading.kicker,
    placeAndDate: reading.placeAndDate,
    issuedOn: reading.issuedOn ? new Date(`${reading.issuedOn}T00:00:00Z`) : null,
    source: reading.source,
    canonicalText: reading.canonicalText,
    // The seed's readings are the shared library, listed for everyone signed in.
    isPublic: true,
  };
  const paragraphRows = reading.paragraphs.map(({ position, key, text, startOffset }) => ({ position, key, text, startOffset }));

  return getDb().$transaction(async (tx) => {
    // Serialises concurrent seeds of the same slug (two `npm start`s on one database).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`reading:${slug}`}))`;
    const existing = await tx.reading.findUnique({
      where: { slug },
      select: {
        id: true,
        canonicalText: true,
        title: true,
        kicker: true,
        placeAndDate: true,
        source: true,
        _count: { select: { annotations: true } },
      },
    });
    if (!existing) {
      const created = await tx.reading.create({
        data: { slug, ...fields, paragraphs: { createMany: { data: paragraphRows } } },
        select: { id: true },
      });
      return { readingId: created.id, outcome: "created" as const };
    }
    const sameText = existing.canonicalText === fields.canonicalText;
    const sameMetadata =
      existing.title === fields.title &&
      existing.kicker === fields.kicker &&
      existing.placeAndDate === fields.placeAndDate &&
      existing.source === fields.source;
    if (sameText && sameMetadata) return { readingId: existing.id, outcome: "unchanged" as const };
    if (!sameText && existing._count.annotations > 0) {
      return { readingId: existing.id, outcome: "kept-annotated" as const };
    }
    await tx.reading.update({ where: { id: existing.id }, data: { ...fields, version: { increment: sameText ? 0 : 1 } } });
    if (!sameText) {
      await tx.paragraph.deleteMany({ where: { readingId: existing.id } });
      await tx.paragraph.createMany({ data: paragraphRows.map((row) => ({ ...row, readingId: existing.id })) });
    }
    return { readingId: existing.id, outcome: "updated" as const };
  });
}
