import "server-only";
import { planParagraphChanges, reanchorTarget } from "../../domain/reading-versions.ts";
import { moveAssignedRanges } from "../assignments/move-assigned-ranges.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { loadEditableReading, type EditableReading } from "./load-editable-reading.ts";
import { prepareReadingText, previewOutdated } from "./prepare-reading-text.ts";
import { lockReadingText } from "./reading-text-lock.ts";

export type EditReadingTextResult = {
  readingId: string;
  version: number;
  outcome: "new-version" | "title-only" | "unchanged";
  /** Annotations with a target found again in the new text. */
  reanchored: number;
  /** Annotations that lost their place (ranges not found, paragraph posts on removed paragraphs). */
  orphaned: number;
};

// Re-anchoring a long reading's annotations (fuzzy matches included) can outlast Prisma's 5 s default.
const TRANSACTION_TIMEOUT_MS = 120_000;

/**
 * Saves an edit of a reading's text as a new version, in one transaction under an advisory lock
 * on the reading (two edits of one reading are serialised; the second sees the first's result):
 * - the current version is kept as a ReadingVersion row if it is not yet (version 1 is stored
 *   lazily, at the first edit), and so is the new one;
 * - paragraphs are matched to the new text (lib/domain/reading-versions.ts): kept rows are
 *   renumbered or rewritten, removed ones retired (never deleted), new ones created;
 * - every annotation with a target is re-anchored in the new text (lib/domain/anchoring.ts):
 *   new offsets, paragraph and quote context when found, else anchorStatus ORPHAN with its old
 *   paragraph and quote kept. An orphan found again by a later edit is anchored again;
 * - a paragraph post on a removed paragraph becomes an orphan too: its paragraph is gone and
 *   moving it to whatever now stands at that position would attach it to words it was not about;
 * - replies follow their thread's root to its paragraph.
 * Nothing is deleted. The text must be the one previewed (`previewDigest`).
 */
export async function editReadingText({
  actorId,
  readingId,
  input,
  previewDigest,
}: {
  actorId: string;
  readingId: string;
  input: { title: string; text: string };
  previewDigest: string | null;
}): Promise<EditReadingTextResult> {
  const actor = await loadActorContext(actorId);
  const prepared = prepareReadingText({ ...input, format: "paragraphs" });
  if (previewDigest !== prepared.digest) throw previewOutdated();
  const { title, imported } = prepared;

  return getDb().$transaction(
    async (tx) => {
      await lockReadingText(tx, readingId, "exclusive");
      const reading = await loadEditableReading(tx, actor, readingId);
      if (reading.canonicalText === imported.canonicalText) {
        if (reading.title === title)
          return { readingId, version: reading.version, outcome: "unchanged" as const, reanchored: 0, orphaned: 0 };
        await tx.reading.update({ where: { id: readingId }, data: { title } });
        return { readingId, version: reading.version, outcome: "title-only" as const, reanchored: 0, orphaned: 0 };
      }

      const version = reading.version + 1;
      await keepCurrentVersion(tx, reading);
      const plan = planParagraphChanges(reading.paragraphs, imported.paragraphs);

      if (plan.retires.length > 0) {
        await tx.paragraph.updateMany({ where: { id: { in: plan.retires } }, data: { retiredInVersion: version } });
      }
      // Assignments of part of the reading follow their paragraphs (#16.4).
      await moveAssignedRanges(tx, { readingId, before: reading.paragraphs, removedIds: plan.retires });
      const moved = plan.updates.filter((update) => update.isChanged);
      if (moved.length > 0) {
        // Positions are unique among current paragraphs and checked row by row: park the moving
        // rows past every position in use (old or new) first so that no two collide half-way.
        const parking = Math.max(imported.paragraphs.length, ...reading.paragraphs.map((paragraph) => paragraph.position)) + 1;
        await tx.$executeRaw`UPDATE "Paragraph" SET "position" = "position" + ${parking}::int WHERE "id" = ANY(${moved.map((update) => update.id)}::text[])`;
        await tx.$executeRaw`
          UPDATE "Paragraph" AS p
          SET "position" = v.position, "key" = v.key, "text" = v.text, "startOffset" = v.start
          FROM unnest(
            ${moved.map((update) => update.id)}::text[],
            ${moved.map((update) => update.position)}::int[],
            ${moved.map((update) => update.key)}::text[],
            ${moved.map((update) => update.text)}::text[],
            ${moved.map((update) => update.startOffset)}::int[]
          ) AS v(id, position, key, text, start)
          WHERE p."id" = v.id`;
      }
      const created =
        plan.creates.length > 0
          ? await tx.paragraph.createManyAndReturn({
              data: plan.creates.map(({ position, key, text, startOffset }) => ({ readingId, position, key, text, startOffset })),
              select: { id: true, position: true },
            })
          : [];
      const createdIdByPosition = new Map(created.map((row) => [row.position, row.id]));
      const layout = plan.layout.map(({ paragraph, id }) => ({
        id: id ?? createdIdByPosition.get(paragraph.position)!,
        startOffset: paragraph.startOffset,
        text: paragraph.text,
      }));

      await tx.reading.update({ where: { id: readingId }, data: { title, canonicalText: imported.canonicalText, version } });
      await tx.readingVersion.create({
        data: {
          readingId,
          version,
          canonicalText: imported.canonicalText,
          paragraphs: imported.paragraphs.map(({ position, key, text, startOffset }) => ({ position, key, text, startOffset })),
          createdById: actorId,
        },
      });

      const { reanchored, orphaned } = await reanchorAnnotations(tx, readingId, imported.canonicalText, layout, plan.retires);
      return { readingId, version, outcome: "new-version" as const, reanchored, orphaned };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/** Stores the version being replaced, when no row holds it yet (always the case for version 1). */
async function keepCurrentVersion(tx: Prisma.TransactionClient, reading: EditableReading): Promise<void> {
  const existing = await tx.readingVersion.findUnique({
    where: { readingId_version: { readingId: reading.id, version: reading.version } },
    select: { id: true },
  });
  if (existing) return;
  await tx.readingVersion.create({
    data: {
      readingId: reading.id,
      version: reading.version,
      canonicalText: reading.canonicalText,
      paragraphs: reading.paragraphs.map(({ position, key, text, startOffset }) => ({ position, key, text, startOffset })),
      // Who wrote version 1 is the reading's creator; later versions record their editor.
      createdById: reading.createdById,
    },
  });
}

async function reanchorAnnotations(
  tx: Prisma.TransactionClient,
  readingId: string,
  canonicalText: string,
  layout: { id: string; startOffset: number; text: string }[],
  retiredParagraphIds: string[],
): Promise<{ reanchored: number; orphaned: number }> {
  const targets = await tx.annotation.findMany({
    where: { readingId, startOffset: { not: null }, endOffset: { not: null }, quoteExact: { not: null } },
    select: { id: true, startOffset: true, endOffset: true, quoteExact: true, quotePrefix: true, quoteSuffix: true },
  });
  const found: { id: string; start: number; end: number; exact: string; prefix: string; suffix: string; paragraphId: string }[] = [];
  const lost: string[] = [];
  for (const target of targets) {
    const result = reanchorTarget(canonicalText, layout, {
      startOffset: target.startOffset!,
      endOffset: target.endOffset!,
      quoteExact: target.quoteExact!,
      quotePrefix: target.quotePrefix,
      quoteSuffix: target.quoteSuffix,
    });
    if (result.status === "orphan") {
      lost.push(target.id);
      continue;
    }
    found.push({
      id: target.id,
      start: result.startOffset,
      end: result.endOffset,
      exact: result.quoteExact,
      prefix: result.quotePrefix,
      suffix: result.quoteSuffix,
      paragraphId: layout[result.paragraphIndex]!.id,
    });
  }
  if (found.length > 0) {
    await tx.$executeRaw`
      UPDATE "Annotation" AS a
      SET "startOffset" = v.start, "endOffset" = v.finish, "quoteExact" = v.exact, "quotePrefix" = v.prefix,
          "quoteSuffix" = v.suffix, "paragraphId" = v.paragraph, "anchorStatus" = 'ANCHORED'
      FROM unnest(
        ${found.map((item) => item.id)}::text[],
        ${found.map((item) => item.start)}::int[],
        ${found.map((item) => item.end)}::int[],
        ${found.map((item) => item.exact)}::text[],
        ${found.map((item) => item.prefix)}::text[],
        ${found.map((item) => item.suffix)}::text[],
        ${found.map((item) => item.paragraphId)}::text[]
      ) AS v(id, start, finish, exact, prefix, suffix, paragraph)
      WHERE a."id" = v.id`;
  }
  if (lost.length > 0) {
    await tx.annotation.updateMany({ where: { id: { in: lost } }, data: { anchorStatus: "ORPHAN" } });
  }
  const lostPosts =
    retiredParagraphIds.length > 0
      ? await tx.annotation.updateMany({
          where: { readingId, kind: "PARAGRAPH_POST", parentId: null, paragraphId: { in: retiredParagraphIds } },
          data: { anchorStatus: "ORPHAN" },
        })
      : { count: 0 };
  // Replies sit on their root's paragraph.
  await tx.$executeRaw`
    UPDATE "Annotation" AS reply SET "paragraphId" = root."paragraphId"
    FROM "Annotation" AS root
    WHERE reply."rootId" = root."id" AND reply."readingId" = ${readingId} AND reply."paragraphId" <> root."paragraphId"`;
  return { reanchored: found.length, orphaned: lost.length + lostPosts.count };
}
