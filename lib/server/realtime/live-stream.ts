import "server-only";
import type { StreamAccess } from "../../domain/live-access.ts";
import type { LivePosition } from "../../domain/live-position.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { isAppError } from "../app-error.ts";
import type { EventBus, Subscription } from "./event-bus.ts";

// One reader's server-sent-event stream, from open to close. Everything that must end with the
// stream (the bus subscription, the heartbeat, the periodic re-authorisation) is owned here and
// released by close(), which every way out goes through: the client going away (abort or cancel),
// a send that fails or a client too slow to read, a revocation, or a failed subscription.

const HEARTBEAT_MS = 20_000;
/** Access is checked again from scratch this often (revocations announced on the bus end a stream at once). */
const REAUTHORIZE_MS = 30_000;
/** A client that lets this much pile up unread is dropped; it reconnects and catches up from the log. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const QUEUE_HIGH_WATER_MARK = 64 * 1024;

/** Why a stream ended. */
export type LiveStreamEnd = "client" | "revoked" | "failed" | "slow";

/** What ends a stream's timers: setInterval and clearInterval (replaceable in tests). */
export type IntervalTimers = {
  setInterval: (callback: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
};

const realTimers: IntervalTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export type LiveStreamOptions = {
  bus: EventBus;
  readingId: string;
  access: StreamAccess;
  /** The reader's permission context, already authorised for this reading and context. */
  actor: ActorContext;
  /** Events up to here were sent before (Last-Event-ID) or are in the page the reader has. */
  after: LivePosition;
  /** The request's signal: aborted when the client goes away. */
  signal?: AbortSignal;
  /**
   * Checks the reader's access again from scratch and returns their fresh permission context.
   * An AppError (UNAUTHENTICATED, NOT_FOUND, FORBIDDEN) means access is gone and ends the stream;
   * any other failure (the database away) keeps it, with the context it had.
   */
  reauthorize: () => Promise<ActorContext>;
  heartbeatMs?: number;
  reauthorizeMs?: number;
  maxBufferedBytes?: number;
  timers?: IntervalTimers;
};

export class LiveStream {
  /** The response body. */
  readonly body: ReadableStream<Uint8Array>;
  /** Resolves with the reason once the stream has ended and released everything it held. */
  readonly ended: Promise<LiveStreamEnd>;

  private readonly options: LiveStreamOptions;
  private readonly encoder = new TextEncoder();
  private readonly timers: IntervalTimers;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  private subscription: Subscription | null = null;
  private intervals: unknown[] = [];
  private isClosed = false;
  private isReauthorizing = false;
  private resolveEnded: (reason: LiveStreamEnd) => void = () => {};
  private readonly onAbort = () => this.close("client");

  constructor(options: LiveStreamOptions) {
    this.options = options;
    this.timers = options.timers ?? realTimers;
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve;
    });
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          this.open();
        },
        cancel: () => this.close("client"),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_HIGH_WATER_MARK }),
    );
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  private open(): void {
    const { signal } = this.options;
    if (signal?.aborted) {
      this.close("client");
      return;
    }
    signal?.addEventListener("abort", this.onAbort, { once: true });
    this.send("retry: 2000\n\n");
    this.subscription = this.options.bus.subscribe({
      readingId: this.options.readingId,
      courseId: this.options.access.courseId,
      access: this.options.access,
      actor: this.options.actor,
      after: this.options.after,
      send: (chunk) => this.send(chunk),
      onRevoked: () => this.revoke(),
      onResync: () => void this.reauthorize(),
    });
    this.subscription.ready.catch(() => this.close("failed"));
    // Access may have been taken away between the request's check and the subscription (whose
    // revocations the bus now hears): check once more now.
    void this.reauthorize();
    this.intervals.push(
      this.timers.setInterval(() => this.send(": keep-alive\n\n"), this.options.heartbeatMs ?? HEARTBEAT_MS),
      this.timers.setInterval(() => void this.reauthorize(), this.options.reauthorizeMs ?? REAUTHORIZE_MS),
    );
  }

  /** Ends the stream and releases what it holds; safe to call any number of times, from anywhere. */
  close(reason: LiveStreamEnd = "client"): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const handle of this.intervals) this.timers.clearInterval(handle);
    this.intervals = [];
    this.subscription?.unsubscribe();
    this.options.signal?.removeEventListener("abort", this.onAbort);
    try {
      this.controller?.close();
    } catch {
      // already closed or cancelled by the client
    }
    this.resolveEnded(reason);
  }

  private send(chunk: string): void {
    if (this.isClosed || !this.controller) return;
    try {
      this.controller.enqueue(this.encoder.encode(chunk));
    } catch {
      this.close("failed");
      return;
    }
    const unread = QUEUE_HIGH_WATER_MARK - (this.controller.desiredSize ?? QUEUE_HIGH_WATER_MARK);
    if (unread > (this.options.maxBufferedBytes ?? MAX_BUFFERED_BYTES)) this.close("slow");
  }

  /** Tells the client why (so it does not reconnect in vain), then ends the stream. */
  private revoke(): void {
    this.send("event: revoked\ndata: {}\n\n");
    this.close("revoked");
  }

  private async reauthorize(): Promise<void> {
    if (this.isClosed || this.isReauthorizing) return;
    this.isReauthorizing = true;
    try {
      const actor = await this.options.reauthorize();
      if (!this.isClosed) this.subscription?.updateActor(actor);
    } catch (error) {
      if (isAppError(error) && ["UNAUTHENTICATED", "NOT_FOUND", "FORBIDDEN"].includes(error.code)) this.revoke();
      // Anything else (the database restarting) is no answer: keep the stream and ask again later.
    } finally {
      this.isReauthorizing = false;
    }
  }
}

/** Opens a reader's stream (see LiveStream). */
export function openLiveStream(options: LiveStreamOptions): LiveStream {
  return new LiveStream(options);
}
