import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { loadAnnotationContext, type AnnotationContext } from "./load-annotation-context.ts";
import { annotationViewSelect, presentAnnotation, type AnnotationRow, type AnnotationView } from "./present-annotation.ts";

// What the paragraph thread's two reads share (list-paragraph-thread.ts, list-thread-replies.ts):
// the actor's access to the reading in the context, the paragraph, and the one permission scope
// every row of either goes through.

export type OpenedThread = {
  context: AnnotationContext;
  paragraphId: string;
  /** The actor's read scope AND the paragraph in the context: every row read is inside it. */
  where: Prisma.AnnotationWhereInput;
};

export async function openParagraphThread(
  actor: ActorContext,
  readingId: string,
  courseId: string | null,
  paragraphPosition: number,
): Promise<OpenedThread> {
  const context = await loadAnnotationContext(actor, readingId, courseId);
  const paragraph = await getDb().paragraph.findFirst({
    where: { readingId, position: paragraphPosition, retiredInVersion: null },
    select: { id: true },
  });
  if (!paragraph) throw new AppError("NOT_FOUND", `This reading has no paragraph ${paragraphPosition}.`);
  return {
    context,
    paragraphId: paragraph.id,
    where: { AND: [annotationReadScope(actor), { readingId, courseId, paragraphId: paragraph.id }] },
  };
}

/** Rows by id in time order, presented for the actor with their own upvotes: two queries. */
export async function loadThreadPosts(
  actor: ActorContext,
  where: Prisma.AnnotationWhereInput,
  ids: readonly string[],
): Promise<AnnotationView[]> {
  if (ids.length === 0) return [];
  const db = getDb();
  const [rows, upvotes] = await Promise.all([
    db.annotation.findMany({
      where: { AND: [where, { id: { in: [...ids] } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: annotationViewSelect,
    }),
    db.reaction.findMany({
      where: { userId: actor.userId, kind: "UPVOTE", annotationId: { in: [...ids] } },
      select: { annotationId: true },
    }),
  ]);
  return presentWithUpvotes(actor, rows, new Set(upvotes.map((upvote) => upvote.annotationId)));
}

export function presentWithUpvotes(actor: ActorContext, rows: readonly AnnotationRow[], upvoted: ReadonlySet<string>): AnnotationView[] {
  return rows.map((row) => ({ ...presentAnnotation(actor, row), hasUpvoted: upvoted.has(row.id) }));
}
