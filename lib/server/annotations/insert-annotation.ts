import "server-only";
import type { NotificationType } from "../../domain/notification-content.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { createNotifications } from "../notifications/create-notifications.ts";
import {
  annotationColumnsSelect,
  newAnnotationRow,
  provenanceData,
  type AnnotationProvenance,
  type AnnotationRow,
} from "./present-annotation.ts";

/**
 * Writes a new post (a highlight, a comment, a paragraph post or a reply) in the caller's
 * transaction: its row with what a Web Annotation client said of its origin, and the
 * notifications of those `recipientsOf` names. Returns the row as a read would give it (no
 * reactions yet), without reading it again. The caller records its CREATED event
 * (record-annotation-event.ts: a new annotation checks the text's version in the same statement).
 */
export async function insertAnnotation(
  tx: Prisma.TransactionClient,
  {
    data,
    provenance,
    author,
    paragraphPosition,
    parent,
    recipientsOf,
  }: {
    data: Prisma.AnnotationUncheckedCreateInput;
    provenance: AnnotationProvenance | null;
    author: { id: string; name: string };
    paragraphPosition: number;
    parent: AnnotationRow["parent"];
    /** Who hears of the new post: each one only if they may read it. */
    recipientsOf: (row: AnnotationRow) => Promise<readonly { userId: string; type: NotificationType }[]>;
  },
): Promise<AnnotationRow> {
  const columns = await tx.annotation.create({ data: { ...data, ...provenanceData(provenance) }, select: annotationColumnsSelect });
  const row = newAnnotationRow(columns, { author, paragraphPosition, parent });
  await createNotifications(tx, { annotationId: row.id, actorId: row.authorId, recipients: await recipientsOf(row) });
  return row;
}
