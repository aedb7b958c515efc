import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { annotationReadScopeSql } from "../permissions/annotation-scope-sql.ts";
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

/**
 * The first replies of each root (in time order) that the actor may see, and how many each has:
 * at most `perRoot` ids per root (`linkedRoot` may bring up to `linkedPerRoot`), however long its
 * thread. PostgreSQL counts each thread's replies (as a COUNT would), but only the page's ids
 * come back (#12, the review: reading every reply id of 200 roots grew with the paragraph). The
 * scope is annotationReadScope's SQL twin, the same rows (annotation-scope-sql.ts).
 */
export async function listReplyHeads(
  actor: ActorContext,
  thread: { readingId: string; courseId: string | null; paragraphId: string },
  rootIds: readonly string[],
  { perRoot, linkedRoot = null, linkedPerRoot = perRoot }: { perRoot: number; linkedRoot?: string | null; linkedPerRoot?: number },
): Promise<Map<string, { ids: string[]; total: number }>> {
  const heads = new Map<string, { ids: string[]; total: number }>();
  if (rootIds.length === 0) return heads;
  const rows = await getDb().$queryRaw<{ id: string; rootId: string; total: bigint }[]>`
    SELECT "id", "rootId", "total" FROM (
      SELECT a."id", a."rootId", a."createdAt",
        row_number() OVER (PARTITION BY a."rootId" ORDER BY a."createdAt", a."id") AS "n",
        count(*) OVER (PARTITION BY a."rootId") AS "total"
      FROM "Annotation" a
      WHERE a."rootId" IN (${Prisma.join([...rootIds])}) AND a."kind" = 'REPLY'::"AnnotationKind"
        AND ${threadScopeSql(actor, thread)}
    ) AS t
    WHERE "n" <= ${perRoot} OR ("rootId" = ${linkedRoot ?? ""} AND "n" <= ${linkedPerRoot})
    ORDER BY "createdAt", "id"`;
  for (const row of rows) {
    const head = heads.get(row.rootId);
    if (head) head.ids.push(row.id);
    else heads.set(row.rootId, { ids: [row.id], total: Number(row.total) });
  }
  return heads;
}

type ThreadFacts = { readingId: string; courseId: string | null; paragraphId: string };

/** openParagraphThread's `where` as SQL over the alias `a`: the read scope's twin and the paragraph in its context. */
function threadScopeSql(actor: ActorContext, thread: ThreadFacts): Prisma.Sql {
  const course = thread.courseId === null ? Prisma.sql`a."courseId" IS NULL` : Prisma.sql`a."courseId" = ${thread.courseId}`;
  return Prisma.sql`a."readingId" = ${thread.readingId} AND a."paragraphId" = ${thread.paragraphId} AND ${course}
    AND ${annotationReadScopeSql(actor, "a")}`;
}

/**
 * The ids of a page of thread-starting posts by their upvotes (most first, then oldest), pinned
 * or not. Each candidate's reactions are counted through the (annotationId, …) index; Prisma's
 * `orderBy: { reactions: { _count } }` joined a count over the whole Reaction table instead.
 */
export async function listTopRootIds(
  actor: ActorContext,
  thread: ThreadFacts,
  { pinned, skip, take }: { pinned: boolean; skip: number; take: number },
): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "Annotation" a
    WHERE ${threadScopeSql(actor, thread)} AND a."parentId" IS NULL
      AND a."kind" IN ('COMMENT'::"AnnotationKind", 'PARAGRAPH_POST'::"AnnotationKind")
      AND ${pinned ? Prisma.sql`a."pinnedAt" IS NOT NULL` : Prisma.sql`a."pinnedAt" IS NULL`}
    ORDER BY (SELECT count(*) FROM "Reaction" r WHERE r."annotationId" = a."id") DESC, a."createdAt" ASC, a."id" ASC
    OFFSET ${skip} LIMIT ${take}`;
  return rows.map((row) => row.id);
}
