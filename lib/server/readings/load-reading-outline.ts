import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import type { ParagraphKind } from "../../domain/reading-import.ts";
import { planReadingOutline, type OutlineParagraph, type ReadingOutline } from "../../domain/reading-sections.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { readingReadScope } from "./reading-access.ts";

export type ReadingOutlineView = ReadingOutline & { id: string; title: string };

/** Headings past this length are cut in the table of contents (a heading is a line or two). */
const HEADING_CHARS = 300;

type OutlineRow = {
  id: string;
  position: number;
  kind: ParagraphKind;
  level: number | null;
  page: number | null;
  startOffset: number;
  length: number;
  heading: string | null;
};

/**
 * A reading's sections and table of contents (lib/domain/reading-sections.ts), from its current
 * paragraphs' kinds, pages and lengths — no paragraph text but headings'. Null when there is no
 * such reading or the actor may not open it (the same 404).
 */
export async function loadReadingOutline({
  readingId,
  actor,
}: {
  readingId: string;
  actor: ActorContext | null;
}): Promise<ReadingOutlineView | null> {
  const db = getDb();
  const reading = await db.reading.findFirst({
    where: { AND: [{ id: readingId }, readingReadScope(actor)] },
    select: { id: true, title: true },
  });
  if (!reading) return null;
  const paragraphs = await listOutlineParagraphs(db, reading.id);
  return { ...reading, ...planReadingOutline(paragraphs) };
}

/** The current paragraphs of a reading as sectioning needs them (and their ids), in order. */
export async function listOutlineParagraphs(
  db: Pick<Prisma.TransactionClient, "$queryRaw">,
  readingId: string,
): Promise<(OutlineParagraph & { id: string })[]> {
  const rows = await db.$queryRaw<OutlineRow[]>`
    SELECT "id", "position", "kind"::text AS "kind", "level", "page", "startOffset",
           char_length("text") AS "length",
           CASE WHEN "kind" = 'HEADING' THEN left("text", ${HEADING_CHARS}) END AS "heading"
    FROM "Paragraph"
    WHERE "readingId" = ${readingId} AND "retiredInVersion" IS NULL
    ORDER BY "position"`;
  return rows.map((row) => ({ ...row, length: Number(row.length) }));
}
