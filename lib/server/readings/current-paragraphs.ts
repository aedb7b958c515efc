import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import type { ParagraphRange } from "./find-reading.ts";

/**
 * A reading's current paragraphs (those no edit has retired) in reading order, with the columns
 * `select` names — all of them, or those of one range: what to put under `paragraphs` in the
 * `select` of a reading.
 */
export function currentParagraphs<S extends Prisma.ParagraphSelect>(select: S, range?: ParagraphRange) {
  return {
    where: { retiredInVersion: null, ...(range ? { position: { gte: range.from, lte: range.to } } : {}) },
    orderBy: { position: "asc" },
    select,
  } as const satisfies Prisma.Reading$paragraphsArgs;
}
