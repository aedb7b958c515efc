import "server-only";
import pg from "pg";
import { isRevokedBy, parseRevocation, type StreamAccess } from "../../domain/live-access.ts";
import { canReadAnnotation, type ActorContext } from "../../domain/permissions.ts";
import { annotationViewSelect, presentAnnotation, type AnnotationView } from "../annotations/present-annotation.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { getServerEnv } from "../env.ts";
import type { AnnotationEventType } from "../generated/prisma/client.ts";
import { REVOCATIONS_CHANNEL } from "./announce-revocation.ts";
import { EVENTS_CHANNEL } from "./record-annotation-event.ts";

// The live channel of one app instance. One PostgreSQL connection LISTENs; each NOTIFY names an
// AnnotationEvent, read back once and offered to every subscriber of that reading and context.
// Each subscriber gets it only if the permission core lets them read the annotation — checked
// against the snapshot taken when the event happened AND the annotation as it is now — and
// with content blanked as presentAnnotation decides. Several instances each run their own bus;
// PostgreSQL is what connects them. The same connection hears revocations (announce-revocation.ts)
// and ends the streams they take access from.

export type LiveEventPayload =
  | { type: Exclude<AnnotationEventType, "DELETED">; rootId: string; annotation: AnnotationView }
  | { type: "DELETED"; rootId: string; annotationId: string; annotation: AnnotationView | null };

export type Subscriber = {
  readingId: string;
  courseId: string | null;
  actor: ActorContext;
  /** Who reads, and with what credential: a revocation that matches it ends the subscription. */
  access: StreamAccess;
  /** Events up to this id have been sent (or were before the page was rendered). */
  lastEventId: bigint;
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
  type: AnnotationEventType;
  readingId: string;
  courseId: string | null;
  annotationId: string;
  actorId: string;
  rootId: string;
  authorId: string;
  visibility: "PRIVATE" | "GROUP" | "COURSE";
  groupId: string | null;
};

const eventSelect = {
  id: true,
  type: true,
  readingId: true,
  courseId: true,
  annotationId: true,
  rootId: true,
  authorId: true,
  actorId: true,
  visibility: true,
  groupId: true,
} as const;

const REPLAY_LIMIT = 1000;
/** The log is for catching up after a dropped connection, not history: a day is plenty. */
const EVENT_RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Backoff between attempts to listen again and catch up after the database went away. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

type SubscriberState = Subscriber & { isReplaying: boolean; buffered: EventRow[]; isActive: boolean };

class EventBus {
  private readonly connectionString: string | undefined;
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly subscribers = new Set<SubscriberState>();
  /** Notifications are handled one after another, so events reach everyone in order. */
  private queue: Promise<void> = Promise.resolve();
  private retryDelayMs = FIRST_RETRY_MS;
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;

  /** `connectionString`: the database to listen on (DATABASE_URL when not given). */
  constructor({ connectionString }: { connectionString?: string } = {}) {
    this.connectionString = connectionString;
  }

  /**
   * Registers the subscriber at once (so nothing published from now on can pass it by), then
   * replays what it missed. Unsubscribing is possible at any point, also while the replay runs.
   */
  subscribe(subscriber: Subscriber): Subscription {
    const state: SubscriberState = { ...subscriber, isReplaying: true, buffered: [], isActive: true };
    this.subscribers.add(state);
    const unsubscribe = () => {
      state.isActive = false;
      state.buffered = [];
      this.subscribers.delete(state);
    };
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
    this.subscribers.clear();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
    }
  }

  /** Sends what a subscriber missed (after its last event id), then what arrived meanwhile. */
  private async replay(state: SubscriberState): Promise<void> {
    const missed = await getDb().annotationEvent.findMany({
      where: { readingId: state.readingId, courseId: state.courseId, id: { gt: state.lastEventId } },
      orderBy: { id: "asc" },
      take: REPLAY_LIMIT,
      select: eventSelect,
    });
    if (!state.isActive) return;
    if (missed.length === REPLAY_LIMIT) {
      // Too far behind to replay: the client reloads the page instead.
      state.send("event: reset\ndata: {}\n\n");
    }
    await deliver(missed, [state]);
    // The hand-over runs in the bus's queue, so no live event can overtake the buffered ones.
    await new Promise<void>((resolve, reject) => {
      this.queue = this.queue
        .then(async () => {
          if (!state.isActive) return;
          state.isReplaying = false;
          await deliver(state.buffered.splice(0), [state]);
        })
        .then(resolve, reject);
    });
  }

  private async ensureListening(): Promise<void> {
    if (this.client) return;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    await this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString ?? getServerEnv().DATABASE_URL,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: "scholia-live",
    });
    client.on("notification", (message) => {
      if (message.channel === REVOCATIONS_CHANNEL) {
        this.revoke(message.payload);
        return;
      }
      if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
      const eventId = BigInt(message.payload);
      this.queue = this.queue
        .then(() => this.handle(eventId))
        .catch((error: unknown) => {
          console.error(
            "live channel: an event could not be read; catching up from the log:",
            error instanceof Error ? error.message : error,
          );
          // Later events must not overtake this one (a subscriber skips ids at or below its last):
          // everyone buffers until the catch-up has replayed from where they are.
          for (const state of this.subscribers) state.isReplaying = true;
          this.scheduleCatchUp();
        });
    });
    const onLost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners();
      client.on("error", () => undefined); // a late socket error must not go unhandled
      void client.end().catch(() => undefined);
      // Until each subscriber is caught up from the log, live events wait in its buffer: one
      // delivered first would move its last id past the events committed while we were deaf.
      for (const state of this.subscribers) state.isReplaying = true;
      this.scheduleCatchUp();
    };
    client.on("error", onLost);
    client.on("end", onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${REVOCATIONS_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      void client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.pruneTimer ??= setInterval(() => {
      getDb()
        .annotationEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - EVENT_RETENTION_MS) } } })
        .catch(() => undefined);
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref?.();
  }

  /**
   * After a lost connection or an event that could not be read (the database restarting): listen
   * again, then catch every subscriber up from the log, retrying with backoff until both work.
   * Subscribers keep their streams open meanwhile; they miss nothing, only wait.
   */
  private scheduleCatchUp(): void {
    if (this.catchUpTimer || this.subscribers.size === 0) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      this.ensureListening()
        .then(async () => {
          for (const state of [...this.subscribers]) {
            state.isReplaying = true;
            await this.replay(state);
          }
          this.retryDelayMs = FIRST_RETRY_MS;
          // Revocations announced while we were deaf are lost: every stream checks its access again.
          for (const state of [...this.subscribers]) state.onResync?.();
        })
        .catch(() => this.scheduleCatchUp());
    }, delay);
    this.catchUpTimer.unref?.();
  }

  /** Ends, at once and before any further event, every subscription the revocation matches. */
  private revoke(payload: string | undefined): void {
    const revocation = parseRevocation(payload);
    if (!revocation) return;
    for (const state of [...this.subscribers]) {
      if (!isRevokedBy(state.access, revocation)) continue;
      this.subscribers.delete(state);
      state.isActive = false;
      state.onRevoked();
    }
  }

  private async handle(eventId: bigint): Promise<void> {
    const event = await getDb().annotationEvent.findUnique({ where: { id: eventId }, select: eventSelect });
    if (!event) return;
    const interested = [...this.subscribers].filter((state) => state.readingId === event.readingId && state.courseId === event.courseId);
    const live: SubscriberState[] = [];
    for (const state of interested) {
      if (state.isReplaying) state.buffered.push(event);
      else live.push(state);
    }
    await deliver([event], live);
  }
}

/** Offers events, in order, to subscribers: each gets only what it may read, once. */
async function deliver(events: readonly EventRow[], subscribers: readonly SubscriberState[]): Promise<void> {
  if (events.length === 0 || subscribers.length === 0) return;
  const ids = [...new Set(events.map((event) => event.annotationId))];
  const rows = await getDb().annotation.findMany({ where: { id: { in: ids } }, select: annotationViewSelect });
  const rowById = new Map(rows.map((row) => [row.id, row]));
  // A student behind a post-first gate unlocks a paragraph by posting on it: their gates are read
  // again before their own new post is offered, so the thread opens without waiting for a refresh.
  const posters = new Set(events.filter((event) => event.type === "CREATED").map((event) => event.actorId));
  await Promise.all(
    subscribers
      .filter((state) => state.isActive)
      .filter((state) => posters.has(state.actor.userId) && (state.actor.postFirstGates?.length ?? 0) > 0)
      .map(async (state) => {
        state.actor = await loadActorContext(state.actor.userId);
      }),
  );
  for (const event of events) {
    const snapshot = {
      authorId: event.authorId,
      courseId: event.courseId,
      groupId: event.groupId,
      visibility: event.visibility,
      hiddenAt: null,
      deletedAt: null,
    };
    const row = rowById.get(event.annotationId);
    for (const state of subscribers) {
      if (!state.isActive || event.id <= state.lastEventId) continue;
      state.lastEventId = event.id;
      if (!canReadAnnotation(state.actor, snapshot)) continue;
      if (row && !canReadAnnotation(state.actor, row)) continue;
      // A post deleted outright leaves no row to place it: someone behind a post-first gate is not
      // told of it (they may not have seen its paragraph); their page drops it on the next load.
      if (!row && (state.actor.postFirstGates?.length ?? 0) > 0 && event.authorId !== state.actor.userId) continue;
      const annotation = row ? presentAnnotation(state.actor, row) : null;
      let payload: LiveEventPayload;
      if (event.type === "DELETED") payload = { type: "DELETED", rootId: event.rootId, annotationId: event.annotationId, annotation };
      else if (annotation) payload = { type: event.type, rootId: event.rootId, annotation };
      else continue;
      state.send(`id: ${event.id}\nevent: annotation\ndata: ${JSON.stringify(payload)}\n\n`);
    }
  }
}

/** A separate bus (its own LISTEN connection): what a second app instance would have. For tests. */
export function createEventBus(options: { connectionString?: string } = {}): EventBus {
  return new EventBus(options);
}

export type { EventBus };

const globalForBus = globalThis as unknown as { scholiaEventBus?: EventBus };

export function getEventBus(): EventBus {
  globalForBus.scholiaEventBus ??= new EventBus();
  return globalForBus.scholiaEventBus;
}

/** The newest event of a reading and context: where a freshly rendered page starts listening. */
export async function findLatestEventId(readingId: string, courseId: string | null): Promise<bigint> {
  const latest = await getDb().annotationEvent.findFirst({
    where: { readingId, courseId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return latest?.id ?? 0n;
}
