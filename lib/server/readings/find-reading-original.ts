import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { readingReadScope } from "./reading-access.ts";

export type ReadingOriginal = { fileName: string; mediaType: string; byteSize: number; bytes: Uint8Array };

/**
 * The file a reading was imported from, for anyone who may open the reading (the reading's own
 * scope decides; anyone else gets the same 404 as for a missing reading or a reading without one).
 */
export async function findReadingOriginal({
  actor,
  readingId,
}: {
  actor: ActorContext | null;
  readingId: string;
}): Promise<ReadingOriginal> {
  const reading = await getDb().reading.findFirst({
    where: { AND: [{ id: readingId }, readingReadScope(actor)] },
    select: { originalFile: { select: { fileName: true, mediaType: true, byteSize: true, bytes: true } } },
  });
  if (!reading?.originalFile) throw new AppError("NOT_FOUND", "This reading has no original file.");
  const { bytes, ...meta } = reading.originalFile;
  return { ...meta, bytes: new Uint8Array(bytes) };
}
