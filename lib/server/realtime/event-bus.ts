import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { isRevokedBy, parseRevocation, type StreamAccess } from "../../domain/live-access.ts";
import { formatLivePosition, isAfter, type LivePosition } from "../../domain/live-position.ts";
import { decideLiveDelivery, type ActorContext } from "../../domain/permissions.ts";
import {
  annotationViewSelect,
  presentAnnotation,
  presentationKey,
  type AnnotationRow,
  type AnnotationView,
} from "../annotations/present-annotation.ts";
import { getServerEnv } from "../env.ts";
import { PrismaClient, type AnnotationEventType } from "../generated/prisma/client.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { REVOCATIONS_CHANNEL } from "./announce-revocation.ts";
import { readEventHorizon } from "./event-horizon.ts";
import { EVENTS_CHANNEL } from "./record-annotation-event.ts";

// The live channel of one app instance. It runs on connections of its own (one LISTEN connection
// and a small pool), so a burst of page renders holding the app's pool cannot delay it. NOTIFY
// only wakes it: it then reads, in one query, every event logged since the last it handled and
// below the horizon (event-horizon.ts), reads their annotations in one more, and offers each event
// in memory to the subscribers of its reading and context. For each subscriber the permission
// core decides (decideLiveDelivery), from the snapshot taken when the event happened AND the
// annotation as it is now: the post as presentAnnotation presents it (once per kind of reader,
// not once per reader), a retraction naming only its id when they could see it and may no longer,
// or nothing. Several instances each run their own bus; PostgreSQL
// is what connects them. The LISTEN connection also hears revocations (announce-revocation.ts)
// and ends the subscriptions they take access from.

export type LiveEventPayload =
  | { type: Exclude<AnnotationEventType, "DELETED">; rootId: string; annotation: AnnotationView }
  | { type: "DELETED"; rootId: string; annotationId: string; annotation: AnnotationView | null }
  /**
   * The reader may no longer see this annotation (made more private, hidden from them by a gate
   * or a group change, or gone): their page drops its card, its highlight and its count. Only the
   * id they already had; never content, author or place.
   */
  | { type: "RETRACTED"; annotationId: string };

export type Subscriber = {
  readingId: string;
  courseId: string | null;
  actor: ActorContext;
  /** Who reads, and with what credential: a revocation that matches it ends the subscription. */
  access: StreamAccess;
  /** Events up to here were sent before (Last-Event-ID) or are in the page the reader has. */
  after: LivePosition;
  send: (chunk: string) => void;
  /** Called once when an announced revocation takes the subscriber's access away. */
  onRevoked: () => void;
  /** Called after the bus was deaf for a while (database restart): revocations may have been missed. */
  onResync?: () => void;
};

/** A live subscription: registered at once, caught up when `ready` resolves. */
export type Subscription = {
  /** Resolves once missed events are replayed; rejects when the bus cannot listen or replay (the subscription is then over). */
  ready: Promise<void>;
  /** Ends the subscription, at any time, even before `ready`; idempotent. */
  unsubscribe: () => void;
  /** Swaps in a fresh permission context (memberships change while a stream is open). */
  updateActor: (actor: ActorContext) => void;
};

type EventRow = {
  id: bigint;
  txid: bigint;
  type: AnnotationEventType;
  readingId: string;
  courseId: string | null;
  annotationId: string;
  actorId: string;
  rootId: string;
  authorId: string;
  visibility: "PRIVATE" | "GROUP" | "COURSE";
  groupId: string | null;
  paragraphId: string | null;
  assignmentId: string | null;
};

/** An event with the annotation it is about (null when the row is gone). */
type PreparedEvent = { event: EventRow; position: LivePosition; row: AnnotationRow | null };

type SubscriberState = Subscriber & { isReplaying: boolean; buffered: PreparedEvent[]; isActive: boolean };

const eventSelect = {
  id: true,
  txid: true,
  type: true,
  readingId: true,
  courseId: true,
  annotationId: true,
  rootId: true,
  authorId: true,
  actorId: true,
  visibility: true,
  groupId: true,
  paragraphId: true,
  assignmentId: true,
} as const;

/** Past this many missed events a reader reloads the page instead of being replayed them. */
const REPLAY_LIMIT = 1000;
/** Events read at most per batch (the next batch continues). */
const BATCH_LIMIT = 2000;
/** The live channel's pool: a batch and a replay can run at once. */
const POOL_SIZE = 2;
/** The log is for catching up after a dropped connection, not history: a day is plenty. */
const EVENT_RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Backoff between attempts when the database is away, and while committed events wait below an older transaction. */
const FIRST_RETRY_MS = 25;
const MAX_RETRY_MS = 5_000;
const MAX_WAITING_RECHECK_MS = 500;

const scopeOf = (readingId: string, courseId: string | null) => `${readingId}\u0000${courseId ?? ""}`;
const positionOf = (event: EventRow): LivePosition => ({ txid: event.txid, id: event.id });

class EventBus {
  private readonly connectionString: string | undefined;
  private listener: pg.Client | null = null;
  private pool: pg.Pool | null = null;
  private db: PrismaClient | null = null;
  private connecting: Promise<void> | null = null;
  private isClosed = false;
  private readonly subscribers = new Set<SubscriberState>();
  private readonly byScope = new Map<string, Set<SubscriberState>>();
  /** Every event up to here has been offered to the subscribers of its scope. */
  private cursor: LivePosition | null = null;
  private isReading = false;
  private shouldReadAgain = false;
  private retryDelayMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;

  /** `connectionString`: the database to listen on (DATABASE_URL when not given). */
  constructor({ connectionString }: { connectionString?: string } = {}) {
    this.connectionString = connectionString;
  }

  /**
   * Registers the subscriber at once (so nothing delivered from now on can pass it by), then
   * replays what it missed. Unsubscribing is possible at any point, also while the replay runs.
   */
  subscribe(subscriber: Subscriber): Subscription {
    const state: SubscriberState = { ...subscriber, isReplaying: true, buffered: [], isActive: true };
    this.subscribers.add(state);
    const scope = scopeOf(state.readingId, state.courseId);
    const inScope = this.byScope.get(scope) ?? new Set<SubscriberState>();
    inScope.add(state);
    this.byScope.set(scope, inScope);
    const unsubscribe = () => this.remove(state);
    const ready = (async () => {
      await this.ensureListening();
      if (state.isActive) await this.replay(state);
    })();
    ready.catch(unsubscribe);
    return {
      ready,
      unsubscribe,
      updateActor: (actor) => {
        state.actor = actor;
      },
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Stops listening (tests, shutdown). */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const state of [...this.subscribers]) this.remove(state);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      listener.removeAllListeners();
      listener.on("error", () => undefined);
      await listener.end().catch(() => undefined);
    }
    await this.db?.$disconnect().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    this.db = null;
    this.pool = null;
  }

  private remove(state: SubscriberState): void {
    state.isActive = false;
    state.buffered = [];
    this.subscribers.delete(state);
    const scope = scopeOf(state.readingId, state.courseId);
    const inScope = this.byScope.get(scope);
    inScope?.delete(state);
    if (inScope?.size === 0) this.byScope.delete(scope);
  }

  private ensureListening(): Promise<void> {
    if (this.listener) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private connectionUrl(): string {
    return this.connectionString ?? getServerEnv().DATABASE_URL;
  }

  /** The live channel's own small pool, with the Prisma client that reads through it. */
  private readDb(): PrismaClient {
    if (!this.db) {
      this.pool = new pg.Pool({
        connectionString: this.connectionUrl(),
        max: POOL_SIZE,
        connectionTimeoutMillis: 5_000,
        statement_timeout: 15_000,
        keepAlive: true,
        idleTimeoutMillis: 30_000,
        application_name: "scholia-live",
      });
      this.pool.on("error", () => undefined);
      this.pool.on("connect", (client) => client.on("error", () => undefined));
      this.db = new PrismaClient({ adapter: new PrismaPg(this.pool) });
    }
    return this.db;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionUrl(),
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: "scholia-live",
    });
    client.on("notification", (message) => {
      if (message.channel === REVOCATIONS_CHANNEL) this.revoke(message.payload);
      else if (message.channel === EVENTS_CHANNEL) this.requestRead();
    });
    const onLost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners();
      client.on("error", () => undefined); // a late socket error must not go unhandled
      void client.end().catch(() => undefined);
      // Nothing is lost meanwhile: the log is read from the cursor once we listen again.
      this.scheduleRetry();
    };
    client.on("error", onLost);
    client.on("end", onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${REVOCATIONS_CHANNEL}`);
      // Listening from here: events below the horizon now are replayed to those who need them.
      this.cursor ??= { txid: await readEventHorizon(this.readDb()), id: 0n };
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      void client.end().catch(() => undefined);
      throw error;
    }
    if (this.isClosed) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      void client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.pruneTimer ??= setInterval(() => {
      this.readDb()
        .annotationEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - EVENT_RETENTION_MS) } } })
        .catch(() => undefined);
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref?.();
  }

  /** Reads the log now, or once more right after the read in progress. */
  private requestRead(): void {
    if (this.isReading) {
      this.shouldReadAgain = true;
      return;
    }
    this.isReading = true;
    void (async () => {
      try {
        let isWaiting = false;
        do {
          this.shouldReadAgain = false;
          isWaiting = await this.readBatch();
        } while (this.shouldReadAgain && !this.isClosed);
        this.isReading = false;
        if (isWaiting) this.scheduleRetry(MAX_WAITING_RECHECK_MS);
        else this.retryDelayMs = FIRST_RETRY_MS;
      } catch (error) {
        this.isReading = false;
        console.error("live channel: the event log could not be read; retrying:", error instanceof Error ? error.message : error);
        this.scheduleRetry();
      }
    })();
  }

  /**
   * Listens again if needed, then reads the log, retrying with backoff (capped at `maxDelayMs`).
   * Subscribers keep their streams open meanwhile; they miss nothing, only wait.
   */
  private scheduleRetry(maxDelayMs = MAX_RETRY_MS): void {
    if (this.retryTimer || this.isClosed) return;
    const delay = Math.min(this.retryDelayMs, maxDelayMs);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      const wasDeaf = !this.listener;
      this.ensureListening().then(
        () => {
          // Revocations announced while we were deaf are lost: every stream checks its access again.
          if (wasDeaf) for (const state of [...this.subscribers]) state.onResync?.();
          this.requestRead();
        },
        () => this.scheduleRetry(),
      );
    }, delay);
    this.retryTimer.unref?.();
  }

  /**
   * One batch: every event after the cursor and below the horizon, with their annotations, offered
   * in order. Returns whether committed events are waiting above the horizon (an older transaction
   * is still open), to be read again shortly.
   */
  private async readBatch(): Promise<boolean> {
    const db = this.readDb();
    const from = this.cursor;
    if (!from) return false;
    const horizon = await readEventHorizon(db);
    const rows = await db.$queryRaw<EventRow[]>`
      SELECT "id", "txid", "type", "readingId", "courseId", "annotationId", "rootId", "authorId", "actorId", "visibility", "groupId",
             "paragraphId", "assignmentId"
        FROM "AnnotationEvent"
       WHERE ("txid", "id") > (${from.txid}, ${from.id})
       ORDER BY "txid", "id"
       LIMIT ${BATCH_LIMIT}`;
    const deliverable = rows.filter((event) => event.txid < horizon);
    if (deliverable.length > 0) {
      // Every event is prepared, also for scopes no one follows yet: someone may subscribe before
      // the fan-out below, after their replay has read up to the cursor as it was.
      const prepared = await this.prepare(deliverable, [...this.subscribers]);
      // From here to the end, synchronously: a subscriber registered meanwhile either gets these
      // events in its buffer or reads them in its replay (which reads up to the cursor).
      const memos = new Map<PreparedEvent, Map<string, string>>();
      for (const item of prepared) {
        const inScope = this.byScope.get(scopeOf(item.event.readingId, item.event.courseId));
        for (const state of inScope ?? []) {
          if (state.isReplaying) state.buffered.push(item);
          else offer(state, item, memos);
        }
      }
      this.cursor = positionOf(deliverable.at(-1)!);
    }
    if (rows.length === BATCH_LIMIT && deliverable.length === rows.length) this.shouldReadAgain = true;
    return deliverable.length < rows.length;
  }

  /** The events' annotations (one query), and fresh gates for posters behind a post-first gate. */
  private async prepare(events: readonly EventRow[], subscribers: readonly SubscriberState[]): Promise<PreparedEvent[]> {
    if (events.length === 0) return [];
    const db = this.readDb();
    const ids = [...new Set(events.map((event) => event.annotationId))];
    const rows = await db.annotation.findMany({ where: { id: { in: ids } }, select: annotationViewSelect });
    const rowById = new Map(rows.map((row) => [row.id, row]));
    // A student behind a post-first gate unlocks a paragraph by posting on it: their gates are read
    // again before their own new post is offered, so the thread opens without waiting for a refresh.
    const posters = new Set(events.filter((event) => event.type === "CREATED").map((event) => event.actorId));
    await Promise.all(
      subscribers
        .filter((state) => state.isActive && posters.has(state.actor.userId) && (state.actor.postFirstGates?.length ?? 0) > 0)
        .map(async (state) => {
          state.actor = await loadActorContext(state.actor.userId, db);
        }),
    );
    return events.map((event) => ({ event, position: positionOf(event), row: rowById.get(event.annotationId) ?? null }));
  }

  /** Sends what a subscriber missed (after its position, up to the cursor), then what arrived meanwhile. */
  private async replay(state: SubscriberState): Promise<void> {
    const upTo = this.cursor!;
    const db = this.readDb();
    const missed = await db.annotationEvent.findMany({
      where: {
        readingId: state.readingId,
        courseId: state.courseId,
        OR: [{ txid: { gt: state.after.txid } }, { txid: state.after.txid, id: { gt: state.after.id } }],
        AND: [{ OR: [{ txid: { lt: upTo.txid } }, { txid: upTo.txid, id: { lte: upTo.id } }] }],
      },
      orderBy: [{ txid: "asc" }, { id: "asc" }],
      take: REPLAY_LIMIT,
      select: eventSelect,
    });
    if (!state.isActive) return;
    if (missed.length === REPLAY_LIMIT) {
      // Too far behind to replay: the client reloads the page instead.
      state.send("event: reset\ndata: {}\n\n");
    }
    const prepared = await this.prepare(missed, [state]);
    if (!state.isActive) return;
    // Synchronously, so no live event can overtake the buffered ones.
    const memos = new Map<PreparedEvent, Map<string, string>>();
    for (const item of [...prepared, ...state.buffered]) offer(state, item, memos);
    state.buffered = [];
    state.isReplaying = false;
  }

  /** Ends, at once and before any further event, every subscription the revocation matches. */
  private revoke(payload: string | undefined): void {
    const revocation = parseRevocation(payload);
    if (!revocation) return;
    for (const state of [...this.subscribers]) {
      if (!isRevokedBy(state.access, revocation)) continue;
      this.remove(state);
      state.onRevoked();
    }
  }
}

/**
 * Offers one event to one subscriber: once, in order, as the permission core decides for them
 * (decideLiveDelivery): the post as they may see it, a retraction (its id only) when they may no
 * longer see what they could, or nothing. The chunk is built once per kind of reader
 * (presentationKey) and shared.
 */
function offer(state: SubscriberState, item: PreparedEvent, memos: Map<PreparedEvent, Map<string, string>>): void {
  const { event, position, row } = item;
  if (!state.isActive || !isAfter(position, state.after)) return;
  state.after = position;
  const snapshot = {
    authorId: event.authorId,
    courseId: event.courseId,
    groupId: event.groupId,
    visibility: event.visibility,
    hiddenAt: null,
    deletedAt: null,
    // Events logged before places were recorded leave the gate to the current row.
    ...(event.paragraphId !== null ? { paragraphId: event.paragraphId, assignmentId: event.assignmentId } : {}),
  };
  const delivery = decideLiveDelivery(state.actor, { snapshot, current: row });
  if (delivery === "skip") return;
  const key = delivery === "retract" ? (row ? "retracted" : "gone") : presentationKey(state.actor, row!);
  let chunks = memos.get(item);
  if (!chunks) {
    chunks = new Map();
    memos.set(item, chunks);
  }
  let chunk = chunks.get(key);
  if (chunk === undefined) {
    let payload: LiveEventPayload;
    if (key === "gone") payload = { type: "DELETED", rootId: event.rootId, annotationId: event.annotationId, annotation: null };
    else if (key === "retracted") payload = { type: "RETRACTED", annotationId: event.annotationId };
    else {
      const annotation = presentAnnotation(state.actor, row!);
      payload =
        event.type === "DELETED"
          ? { type: "DELETED", rootId: event.rootId, annotationId: event.annotationId, annotation }
          : { type: event.type, rootId: event.rootId, annotation };
    }
    chunk = `id: ${formatLivePosition(position)}\nevent: annotation\ndata: ${JSON.stringify(payload)}\n\n`;
    chunks.set(key, chunk);
  }
  state.send(chunk);
}

/** A separate bus (its own connections): what a second app instance would have. For tests. */
export function createEventBus(options: { connectionString?: string } = {}): EventBus {
  return new EventBus(options);
}

export type { EventBus };

const globalForBus = globalThis as unknown as { scholiaEventBus?: EventBus };

export function getEventBus(): EventBus {
  globalForBus.scholiaEventBus ??= new EventBus();
  return globalForBus.scholiaEventBus;
}
