import "server-only";
import { canEditReading } from "../../domain/reading-access.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { currentParagraphs } from "./current-paragraphs.ts";
import { readingNotFound, readingReadScope } from "./reading-access.ts";

type Db = Pick<Prisma.TransactionClient, "reading">;

export type EditableReading = {
  id: string;
  title: string;
  canonicalText: string;
  version: number;
  isPublic: boolean;
  createdById: string | null;
  paragraphs: { id: string; position: number; key: string; text: string; startOffset: number }[];
};

/**
 * The reading with its current paragraphs, for someone allowed to change its text: 404 when the
 * actor may not open it (or it does not exist), 403 when they may read but not edit it.
 */
export async function loadEditableReading(db: Db, actor: ActorContext, readingId: string): Promise<EditableReading> {
  const reading = await db.reading.findFirst({
    where: { AND: [{ id: readingId }, readingReadScope(actor)] },
    select: {
      id: true,
      title: true,
      canonicalText: true,
      version: true,
      isPublic: true,
      createdById: true,
      paragraphs: currentParagraphs({ id: true, position: true, key: true, text: true, startOffset: true }),
    },
  });
  if (!reading) throw readingNotFound();
  if (!canEditReading(actor, reading)) throw new AppError("FORBIDDEN", "Only the instructor who added this reading can edit its text.");
  return reading;
}
