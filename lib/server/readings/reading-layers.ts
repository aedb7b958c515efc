import "server-only";
import type { ActorContext, ActorMembership } from "../../domain/permissions.ts";
import {
  audienceKey,
  audienceReader,
  composeLockedPosts,
  composeReadingView,
  type LockedPosts,
  SharedLayer,
  type LayerParagraph,
  type LayerRow,
  type ReadingLayerView,
} from "../../domain/reading-layers.ts";
import { getDb } from "../db.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { readEventHorizon } from "../realtime/event-horizon.ts";
import { readRuleColumns } from "../permissions/read-rule-columns.ts";

// The shared layers of the reading page (lib/domain/reading-layers.ts), kept in this process per
// reading version, course and audience. PostgreSQL stays the one source of truth: before a layer
// is used, one indexed query asks the live channel's event log whether anything happened on the
// reading in the course since the layer was read, and the annotations named there are read again
// and put back into the layer (or taken out). So a post, an edit, a visibility change, a hide or a
// deletion shows on the next page load of every reader, on every instance, while a page load
// that finds nothing new reads no annotations at all.
//
// Why the event log is enough: every change to an annotation writes an event in its transaction
// (record-annotation-event.ts), events carry their transaction's id, and a layer remembers the
// event horizon read before its annotations (event-horizon.ts): every transaction below it had
// ended, so whatever it changed is in the layer; anything else has an event at or above it. A
// reading's text edit is a new version (another layer); membership and gates are the reader's
// own (the request's actor context), never part of a shared layer.

const MAX_LAYERS = 48;
const MAX_ROWS = 600_000;
/** More annotations changed than this since a layer was read: read it whole again. */
const MAX_DELTA = 2_000;
/** Events are pruned after a day (event-bus.ts); a layer older than this is read whole again. */
const MAX_LAYER_AGE_MS = 60 * 60_000;

type Entry = {
  key: string;
  layer: SharedLayer | null;
  /** Every transaction below this had ended before the layer's annotations were last read. */
  horizon: bigint;
  loadedAt: number;
  /** When the last successful check started: the layer holds every commit before it. */
  checkedAt: number;
  running: Promise<void> | null;
};

const globalForLayers = globalThis as unknown as { scholiaReadingLayers?: Map<string, Entry> };
const layers: Map<string, Entry> = (globalForLayers.scholiaReadingLayers ??= new Map<string, Entry>());

export const layerRowSelect = {
  id: true,
  kind: true,
  readingId: true,
  parentId: true,
  rootId: true,
  isQuestion: true,
  answerMarkedAt: true,
  ...readRuleColumns,
  startOffset: true,
  endOffset: true,
  color: true,
  anchorStatus: true,
} satisfies Prisma.AnnotationSelect;

/** A long reading's section: paragraph positions from..to over [startOffset, endOffset) of the text. */
export type LayerSection = { from: number; to: number; startOffset: number; endOffset: number };

type SelectedRow = Prisma.AnnotationGetPayload<{ select: typeof layerRowSelect }>;

function toLayerRow(row: SelectedRow): LayerRow {
  return {
    id: row.id,
    kind: row.kind,
    isRoot: row.parentId === null,
    rootId: row.rootId,
    isQuestion: row.isQuestion,
    isAnswer: row.answerMarkedAt !== null,
    authorId: row.authorId,
    courseId: row.courseId,
    groupId: row.groupId,
    visibility: row.visibility,
    hiddenAt: row.hiddenAt,
    deletedAt: row.deletedAt,
    assignmentId: row.assignmentId,
    paragraphId: row.paragraphId,
    start: row.startOffset,
    end: row.endOffset,
    color: row.color,
    isAnchored: row.anchorStatus === "ANCHORED",
  };
}

/** An event horizon (event-horizon.ts) and when its statement had answered (performance.now()). */
export type ReadHorizon = { txid: bigint; readAt: number };

/** Reads the event horizon, noting when: every commit before `readAt` is below it or has an event at or above it. */
export async function readHorizon(db: PrismaClient = getDb()): Promise<ReadHorizon> {
  const txid = await readEventHorizon(db);
  return { txid, readAt: performance.now() };
}

/**
 * The reader's highlights and post counts on a reading in a context: the shared layer of their
 * audience (kept, brought up to date) merged with their own posts, and their post-first gate's
 * closed paragraphs (`postFirst`). `membership`: the actor's in the course (null for their own
 * notes, where everything is their own).
 */
export async function loadReadingLayerView({
  actor,
  reading,
  courseId,
  membership,
  assignmentId = null,
  section,
  horizon,
  isPainted,
}: {
  actor: ActorContext;
  /** Its paragraphs: all of the current version's, or the section's on the page. */
  reading: { id: string; version: number; paragraphs: readonly LayerParagraph[] };
  courseId: string | null;
  membership: ActorMembership | null;
  /** The assignment of the context (annotation-context.ts): a post-first gate on it closes paragraphs. */
  assignmentId?: string | null;
  section?: LayerSection;
  /**
   * The horizon the page read before everything else (its live channel resumes there): the layer
   * is brought up to every commit before it was read, with no second read. Read here when absent.
   */
  horizon?: ReadHorizon;
  /** The reader's filters: which of the marks they may see are painted (composeReadingView). */
  isPainted?: (row: LayerRow) => boolean;
}): Promise<ReadingLayerView & { postFirst: LockedPosts | null }> {
  const db = getDb();
  const [shared, own] = await Promise.all([
    membership && courseId !== null
      ? currentLayer(db, reading, courseId, membership, section, horizon)
      : Promise.resolve(new SharedLayer({ userId: actor.userId, memberships: [] }, reading.paragraphs)),
    db.annotation.findMany({
      where: {
        authorId: actor.userId,
        readingId: reading.id,
        courseId,
        // In a course, only those the shared layer may show otherwise (isPersonalRow); in one's own notes, all.
        ...(membership ? { OR: [{ visibility: { not: "COURSE" as const } }, { hiddenAt: { not: null } }] } : {}),
      },
      select: layerRowSelect,
    }),
  ]);
  // Synchronous from here: the layer cannot change under the merge.
  return {
    ...composeReadingView(shared, actor, own.map(toLayerRow), isPainted),
    postFirst: composeLockedPosts(shared, actor, assignmentId),
  };
}

/** The audience's layer, holding every change committed before this call. */
async function currentLayer(
  db: PrismaClient,
  reading: { id: string; version: number; paragraphs: readonly LayerParagraph[] },
  courseId: string,
  membership: ActorMembership,
  section: LayerSection | undefined,
  pageHorizon: ReadHorizon | undefined,
): Promise<SharedLayer> {
  // Every commit before this moment must be in the layer: what is below the page's horizon.
  const requestedAt = pageHorizon?.readAt ?? performance.now();
  const key = `${reading.id}\u0000${reading.version}\u0000${section ? `${section.from}-${section.to}` : ""}\u0000${audienceKey(membership)}`;
  let entry = layers.get(key);
  if (!entry || (entry.layer && !entry.running && requestedAt - entry.loadedAt > MAX_LAYER_AGE_MS)) {
    entry = { key, layer: null, horizon: 0n, loadedAt: 0, checkedAt: -Infinity, running: null };
    layers.set(key, entry);
  }
  // Least recently used last.
  layers.delete(key);
  layers.set(key, entry);
  // Concurrent requests share one check; a check that started before this request cannot vouch
  // for it, so then the next one runs.
  while (entry.checkedAt < requestedAt || !entry.layer) {
    // The page's horizon serves the first check; a later one reads its own.
    const horizon = pageHorizon && entry.checkedAt < pageHorizon.readAt ? pageHorizon : undefined;
    entry.running ??= bringUpToDate(db, entry, reading, courseId, membership, section, horizon).finally(() => {
      entry.running = null;
    });
    try {
      await entry.running;
    } catch (error) {
      if (layers.get(key) === entry) layers.delete(key);
      throw error;
    }
  }
  evictBeyondBounds();
  return entry.layer;
}

async function bringUpToDate(
  db: PrismaClient,
  entry: Entry,
  reading: { id: string; version: number; paragraphs: readonly LayerParagraph[] },
  courseId: string,
  membership: ActorMembership,
  section: LayerSection | undefined,
  givenHorizon: ReadHorizon | undefined,
): Promise<void> {
  // The horizon first, in its own statement (event-horizon.ts). What is read below holds every
  // commit before the horizon had answered; anything not yet visible then is at or above it.
  const { txid: horizon, readAt: startedAt } = givenHorizon ?? (await readHorizon(db));
  let changedIds: string[] | null = null;
  let rootIds: string[] = [];
  if (entry.layer) {
    const changed = await db.annotationEvent.findMany({
      where: { readingId: reading.id, courseId, txid: { gte: entry.horizon } },
      distinct: ["annotationId"],
      select: { annotationId: true, rootId: true },
      take: MAX_DELTA + 1,
    });
    changedIds = changed.length > MAX_DELTA ? null : changed.map((event) => event.annotationId);
    rootIds = [...new Set(changed.map((event) => event.rootId))];
  }
  if (entry.layer && changedIds) {
    if (changedIds.length > 0) {
      // The annotations named and their threads' replies: a change of a post's visibility
      // reaches its replies (update-annotation.ts) under the post's one event.
      const rows = await db.annotation.findMany({
        where: { OR: [{ id: { in: changedIds } }, { rootId: { in: rootIds } }] },
        select: layerRowSelect,
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const id of new Set([...changedIds, ...byId.keys()])) {
        const row = byId.get(id);
        entry.layer.put(id, row && row.readingId === reading.id && row.courseId === courseId ? toLayerRow(row) : null);
      }
    }
  } else {
    const layer = new SharedLayer(audienceReader(membership), reading.paragraphs);
    const rows = await db.annotation.findMany({
      where: {
        readingId: reading.id,
        courseId,
        // In a section: posts on its paragraphs and ranges that overlap it (one may start before).
        ...(section
          ? {
              OR: [
                { paragraph: { position: { gte: section.from, lte: section.to } } },
                { startOffset: { lt: section.endOffset }, endOffset: { gt: section.startOffset } },
              ],
            }
          : {}),
      },
      select: layerRowSelect,
    });
    for (const row of rows) layer.put(row.id, toLayerRow(row));
    entry.layer = layer;
    entry.loadedAt = startedAt;
  }
  entry.horizon = horizon;
  entry.checkedAt = Math.max(entry.checkedAt, startedAt);
}

function evictBeyondBounds(): void {
  let rows = 0;
  for (const entry of layers.values()) rows += entry.layer?.size ?? 0;
  for (const [key, entry] of layers) {
    if (layers.size <= MAX_LAYERS && rows <= MAX_ROWS) break;
    if (entry.running) continue;
    rows -= entry.layer?.size ?? 0;
    layers.delete(key);
  }
}
