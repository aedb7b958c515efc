import "server-only";
import { randomUUID } from "node:crypto";
import { canCreateReading } from "../../domain/reading-access.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { prepareReadingText, previewOutdated, type ReadingTextInput } from "./prepare-reading-text.ts";
import { onlyInstructors } from "./preview-new-reading.ts";

/**
 * Saves an instructor's own reading (not public: its creator and the courses it is assigned in
 * see it). The text is imported again here — the preview is never trusted — and must be the one
 * previewed (`previewDigest`), so what is saved is what the instructor saw.
 */
export async function createReading({
  actorId,
  input,
  previewDigest,
}: {
  actorId: string;
  input: ReadingTextInput;
  previewDigest: string | null;
}): Promise<{ id: string }> {
  if (!canCreateReading(await loadActorContext(actorId))) throw onlyInstructors();
  const { title, imported, digest } = prepareReadingText(input);
  if (previewDigest !== digest) throw previewOutdated();
  return getDb().reading.create({
    data: {
      slug: `${slugify(title)}-${randomUUID().slice(0, 8)}`,
      title,
      kicker: imported.kicker,
      placeAndDate: imported.placeAndDate,
      issuedOn: imported.issuedOn ? new Date(`${imported.issuedOn}T00:00:00Z`) : null,
      source: imported.source,
      canonicalText: imported.canonicalText,
      isPublic: false,
      createdById: actorId,
      paragraphs: {
        createMany: { data: imported.paragraphs.map(({ position, key, text, startOffset }) => ({ position, key, text, startOffset })) },
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
