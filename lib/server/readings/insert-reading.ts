import "server-only";
import { randomUUID } from "node:crypto";
import type { ImportedReading } from "../../domain/reading-import.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Inserts an instructor's new reading with its paragraphs (kind, level and page included). Not
 * public: its creator and the courses it is assigned in see it. Shared by pasted-text readings
 * and document imports.
 */
export async function insertReading(
  tx: Prisma.TransactionClient,
  {
    title,
    imported,
    createdById,
    originalFileId = null,
  }: { title: string; imported: ImportedReading; createdById: string; originalFileId?: string | null },
): Promise<{ id: string }> {
  return tx.reading.create({
    data: {
      slug: `${slugify(title)}-${randomUUID().slice(0, 8)}`,
      title,
      kicker: imported.kicker,
      placeAndDate: imported.placeAndDate,
      issuedOn: imported.issuedOn ? new Date(`${imported.issuedOn}T00:00:00Z`) : null,
      source: imported.source,
      canonicalText: imported.canonicalText,
      isPublic: false,
      createdById,
      originalFileId,
      paragraphs: {
        createMany: {
          data: imported.paragraphs.map(({ position, key, text, startOffset, kind, level, page }) => ({
            position,
            key,
            text,
            startOffset,
            kind,
            level,
            page,
          })),
        },
      },
    },
    select: { id: true },
  });
}

function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "reading";
}
