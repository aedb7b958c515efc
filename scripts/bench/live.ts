// The live channel as a client sees it: server-sent-event streams, where they start, and delivery
// latency from the start of a POST to the event's arrival on each stream.
import { readEventBlocks } from "../lib/event-blocks.ts";
import { COURSE_ID, LIVE_EVENTS, LIVE_GAP_MS, LIVE_SUBSCRIBERS, REQUEST_TIMEOUT_MS, PAGE_ACCEPT } from "./config.ts";
import { randomRange, type ReadingData } from "./database.ts";
import { postCourseComment } from "./creates.ts";
import { findLiveCursor } from "./html.ts";
import { withClient } from "./lifecycle.ts";
import { makeRandom, sleep, summarise, tiptapDoc, withTimeout, type Summary } from "./stats.ts";

/** One open event stream; `onEvent` gets each event block's text as it arrives. */
export type EventStream = {
  /** Set when the stream ended without being closed by us. */
  brokeOff: boolean;
  close(): void;
};

export async function openEventStream(
  url: string,
  headers: Record<string, string>,
  onEvent: (block: string) => void,
): Promise<EventStream> {
  const controller = new AbortController();
  const stream: EventStream = { brokeOff: false, close: () => controller.abort() };
  const response = await fetch(url, { headers: { ...headers, Accept: "text/event-stream" }, signal: controller.signal });
  if (response.status !== 200 || !response.body) {
    await response.arrayBuffer().catch(() => undefined);
    throw new Error(`The live channel answered ${response.status}.`);
  }
  const body = response.body;
  void (async () => {
    try {
      await readEventBlocks(body, (block) => {
        if (/^event: annotation$/m.test(block)) onEvent(block);
      });
      if (!controller.signal.aborted) stream.brokeOff = true;
    } catch {
      if (!controller.signal.aborted) stream.brokeOff = true;
    }
  })();
  return stream;
}

/**
 * Where a reader's stream starts: what the reading page says (data-live-cursor), as a browser
 * would; a page that does not say is followed from the newest event in the log.
 */
export async function liveCursor(origin: string, cookie: string, readingId: string, databaseUrl: string): Promise<string> {
  const response = await fetch(`${origin}/readings/${readingId}?course=${COURSE_ID}`, {
    headers: { Accept: PAGE_ACCEPT, Cookie: cookie },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const cursor = findLiveCursor(await response.text());
  return cursor ?? (await newestEventId(databaseUrl));
}

export function newestEventId(databaseUrl: string): Promise<string> {
  return withClient(
    databaseUrl,
    async (client) => (await client.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM "AnnotationEvent"`)).rows[0]?.id ?? "0",
  );
}

export function eventsUrl(origin: string, readingId: string, after: string): string {
  return `${origin}/api/readings/${readingId}/events?course=${COURSE_ID}&after=${encodeURIComponent(after)}`;
}

export type LiveResult = {
  subscribers: number;
  instances: number;
  events: number;
  deliveries: number;
  missing: number;
  latencyMs: Summary;
  byInstance: { origin: string; subscribers: number; latencyMs: Summary }[];
};

/**
 * Live delivery alone: LIVE_SUBSCRIBERS streams split over the instances, then LIVE_EVENTS
 * comments on the first instance, one every LIVE_GAP_MS; for every (stream, post) pair the time
 * from just before the POST to the event's arrival.
 */
export async function benchLiveDelivery(origins: string[], cookie: string, reading: ReadingData, databaseUrl: string): Promise<LiveResult> {
  const after = await liveCursor(origins[0]!, cookie, reading.readingId, databaseUrl);
  const sentAt = new Map<string, number>();
  const subscribers = Array.from({ length: LIVE_SUBSCRIBERS }, (_, index) => ({
    origin: origins[index % origins.length]!,
    received: new Map<string, number>(),
    stream: null as EventStream | null,
  }));
  await withTimeout(
    Promise.all(
      subscribers.map(async (subscriber) => {
        subscriber.stream = await openEventStream(eventsUrl(subscriber.origin, reading.readingId, after), { Cookie: cookie }, (block) => {
          const marker = /live-marker-(\d+)/.exec(block)?.[0];
          if (marker && !subscriber.received.has(marker)) subscriber.received.set(marker, performance.now());
        });
      }),
    ),
    30_000,
    "open the live streams",
  );
  await sleep(500);
  const range = randomRange(makeRandom(11), reading);
  try {
    for (let index = 0; index < LIVE_EVENTS; index += 1) {
      const marker = `live-marker-${index}`;
      sentAt.set(marker, performance.now());
      const response = await postCourseComment(
        `${origins[0]}/api/readings/${reading.readingId}/annotations`,
        { Cookie: cookie },
        range,
        `Live ${marker}`,
      );
      if (response.status !== 201) throw new Error(`A live post answered ${response.status}.`);
      await sleep(LIVE_GAP_MS);
    }
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && subscribers.some((subscriber) => subscriber.received.size < LIVE_EVENTS)) await sleep(100);
  } finally {
    for (const subscriber of subscribers) subscriber.stream?.close();
  }
  const latenciesOf = (group: typeof subscribers) =>
    group.flatMap((subscriber) => [...subscriber.received].map(([marker, at]) => at - (sentAt.get(marker) ?? at)));
  const all = latenciesOf(subscribers);
  return {
    subscribers: LIVE_SUBSCRIBERS,
    instances: origins.length,
    events: LIVE_EVENTS,
    deliveries: all.length,
    missing: LIVE_SUBSCRIBERS * LIVE_EVENTS - all.length,
    latencyMs: summarise(all),
    byInstance: origins.map((origin) => {
      const group = subscribers.filter((subscriber) => subscriber.origin === origin);
      return { origin, subscribers: group.length, latencyMs: summarise(latenciesOf(group)) };
    }),
  };
}

export type ThreadResult = { replies: number; samples: number; responseMs: Summary; bytes: number };

/** A paragraph post with 200 replies (made over HTTP), then its thread fetched 20 times. */
export async function benchThread(origin: string, cookie: string, reading: ReadingData): Promise<ThreadResult> {
  const post = async (url: string, body: unknown) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const json = (await response.json()) as { id?: string };
    if (response.status !== 201 || !json.id) throw new Error(`Creating the long thread answered ${response.status}.`);
    return json.id.split("/").at(-1)!;
  };
  const rootId = await post(`${origin}/api/readings/${reading.readingId}/annotations`, {
    courseId: COURSE_ID,
    kind: "PARAGRAPH_POST",
    target: { paragraph: 1 },
    body: tiptapDoc("Long thread root"),
  });
  let parentId = rootId;
  for (let index = 0; index < 200; index += 1) {
    // Mostly answers to the root, with short chains (so depth capping is exercised).
    const id = await post(`${origin}/api/annotations/${index % 5 === 0 ? rootId : parentId}/replies`, {
      body: tiptapDoc(`Reply ${index} in the long thread`),
    });
    parentId = index % 5 === 4 ? rootId : id;
  }
  const url = `${origin}/api/readings/${reading.readingId}/paragraphs/1/thread?course=${COURSE_ID}&sort=top`;
  const times: number[] = [];
  let bytes = 0;
  for (let index = 0; index < 22; index += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`The thread answered ${response.status}.`);
    if (index >= 2) times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  return { replies: 200, samples: times.length, responseMs: summarise(times), bytes };
}
