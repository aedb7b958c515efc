// The benchmark's mixed load: for a fixed time, readers (reading page + paragraph thread API),
// writers (posts and replies) and live subscribers (server-sent events) at once, spread over
// every app instance given, all on one database. Reports throughput and latency per operation,
// errors, live delivery, and the database's connection count sampled during the run.
import pg from "pg";
import { PAGE_ACCEPT } from "./config.ts";
import { eventsUrl, openEventStream, type EventStream } from "./live.ts";
import { round, sleep, summarise, type Summary } from "./stats.ts";

export type MixedLoadOptions = {
  origins: string[];
  cookie: string;
  readingId: string;
  courseId: string;
  /** Ranges of text to comment on (valid offsets into the reading). */
  ranges: { start: number; end: number }[];
  paragraphCount: number;
  databaseUrl: string;
  /** Where the subscribers' streams start (see live.ts, liveCursor). */
  after: string;
  seconds: number;
  readers: number;
  writers: number;
  subscribers: number;
  poolSizePerInstance: number;
  /** Connections the live channel of each instance keeps (its LISTEN connection and readers). */
  liveConnectionsPerInstance: number;
  requestTimeoutMs: number;
};

export type OperationResult = {
  requests: number;
  errors: number;
  perSecond: number;
  latencyMs: Summary;
  errorStatuses: Record<string, number>;
  sampleErrors: string[];
};
export type MixedLoadResult = {
  seconds: number;
  instances: number;
  readers: number;
  writers: number;
  subscribers: number;
  operations: Record<"reading page" | "thread API" | "post" | "reply", OperationResult>;
  totalErrors: number;
  live: { expected: number; delivered: number; missing: number; latencyMs: Summary; streamErrors: number };
  connections: {
    poolSizePerInstance: number;
    liveConnectionsPerInstance: number;
    /** What the instances may open: their pools and the live channel's connections. */
    ceiling: number;
    maxConnections: number;
    max: { total: number; pool: number; live: number; active: number };
    mean: { total: number; active: number };
    samples: number;
  };
};

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

class Operation {
  readonly latencies: number[] = [];
  readonly errorStatuses: Record<string, number> = {};
  readonly sampleErrors: string[] = [];
  errors = 0;

  record(ms: number, status: string, ok: boolean, detail: string): void {
    this.latencies.push(ms);
    if (ok) return;
    this.errors += 1;
    this.errorStatuses[status] = (this.errorStatuses[status] ?? 0) + 1;
    if (this.sampleErrors.length < 3) this.sampleErrors.push(`${status}: ${detail.slice(0, 200)}`);
  }

  result(seconds: number): OperationResult {
    return {
      requests: this.latencies.length,
      errors: this.errors,
      perSecond: round(this.latencies.length / seconds),
      latencyMs: summarise(this.latencies),
      errorStatuses: this.errorStatuses,
      sampleErrors: this.sampleErrors,
    };
  }
}

export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  const { origins, cookie, readingId, courseId, requestTimeoutMs } = options;
  const operations = { "reading page": new Operation(), "thread API": new Operation(), post: new Operation(), reply: new Operation() };
  const timed = async (operation: Operation, url: string, init: RequestInit, expected: number): Promise<string | null> => {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        ...init,
        headers: { Cookie: cookie, ...(init.headers ?? {}) },
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const body = await response.text();
      operation.record(performance.now() - started, String(response.status), response.status === expected, body);
      return response.status === expected ? body : null;
    } catch (error) {
      const name = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.name) : "error";
      operation.record(performance.now() - started, `network:${name}`, false, error instanceof Error ? error.message : String(error));
      return null;
    }
  };

  // Connection count: sampled on its own connection (not counted).
  const sampler = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 10_000 });
  await sampler.connect();
  const maxConnections = Number((await sampler.query<{ max_connections: string }>("SHOW max_connections")).rows[0]?.max_connections ?? 0);
  const connectionSamples: { total: number; pool: number; live: number; active: number }[] = [];
  let sampling = true;
  const sampleLoop = (async () => {
    while (sampling) {
      const row = (
        await sampler.query<{ total: string; pool: string; live: string; active: string }>(
          `SELECT count(*)::text AS total,
                  count(*) FILTER (WHERE application_name = 'scholia')::text AS pool,
                  count(*) FILTER (WHERE application_name = 'scholia-live')::text AS live,
                  count(*) FILTER (WHERE state = 'active')::text AS active
             FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
      ).rows[0];
      if (row)
        connectionSamples.push({ total: Number(row.total), pool: Number(row.pool), live: Number(row.live), active: Number(row.active) });
      await sleep(250);
    }
  })();

  // Live subscribers, spread over the instances.
  const sentAt = new Map<string, number>();
  const deliveries: number[] = [];
  const streams: EventStream[] = [];
  await Promise.all(
    Array.from({ length: options.subscribers }, async (_, index) => {
      const seen = new Set<string>();
      const stream = await openEventStream(
        eventsUrl(origins[index % origins.length]!, readingId, options.after),
        { Cookie: cookie },
        (block) => {
          const marker = /mixed-marker-\d+-\d+/.exec(block)?.[0];
          if (!marker || seen.has(marker)) return;
          seen.add(marker);
          deliveries.push(performance.now() - (sentAt.get(marker) ?? performance.now()));
        },
      );
      streams.push(stream);
    }),
  );
  await sleep(500);

  const startedAt = performance.now();
  const deadline = startedAt + options.seconds * 1000;
  const origin = (n: number) => origins[n % origins.length]!;

  const reader = async (index: number) => {
    for (let n = index; performance.now() < deadline; n += 1) {
      if (n % 2 === 0) {
        await timed(
          operations["reading page"],
          `${origin(n)}/readings/${readingId}?course=${courseId}`,
          { headers: { Accept: PAGE_ACCEPT } },
          200,
        );
      } else {
        const paragraph = 1 + (n % options.paragraphCount);
        await timed(
          operations["thread API"],
          `${origin(n)}/api/readings/${readingId}/paragraphs/${paragraph}/thread?course=${courseId}&sort=position`,
          {},
          200,
        );
      }
    }
  };

  const acknowledged: string[] = [];
  const writer = async (index: number) => {
    const roots: string[] = [];
    for (let n = 0; performance.now() < deadline; n += 1) {
      const marker = `mixed-marker-${index}-${n}`;
      const isReply = n % 2 === 1 && roots.length > 0;
      sentAt.set(marker, performance.now());
      const json = { method: "POST", headers: { "Content-Type": "application/json" } };
      if (isReply) {
        const root = roots[n % roots.length]!;
        const body = await timed(
          operations.reply,
          `${origin(index + n)}/api/annotations/${root}/replies`,
          { ...json, body: JSON.stringify({ body: doc(`Mixed reply ${marker}`) }) },
          201,
        );
        if (body) acknowledged.push(marker);
      } else {
        const range = options.ranges[(index * 7919 + n) % options.ranges.length]!;
        const target = n % 4 === 0 ? { paragraph: 1 + (n % options.paragraphCount) } : range;
        const kind = n % 4 === 0 ? "PARAGRAPH_POST" : "COMMENT";
        const body = await timed(
          operations.post,
          `${origin(index + n)}/api/readings/${readingId}/annotations`,
          { ...json, body: JSON.stringify({ courseId, kind, target, body: doc(`Mixed post ${marker}`), visibility: "COURSE" }) },
          201,
        );
        if (body) {
          acknowledged.push(marker);
          roots.push((JSON.parse(body) as { id: string }).id.split("/").at(-1)!);
        }
      }
    }
  };

  await Promise.all([
    ...Array.from({ length: options.readers }, (_, index) => reader(index)),
    ...Array.from({ length: options.writers }, (_, index) => writer(index)),
  ]);
  const seconds = (performance.now() - startedAt) / 1000;
  const expected = acknowledged.length * options.subscribers;
  const waitUntil = Date.now() + 15_000;
  while (deliveries.length < expected && Date.now() < waitUntil) await sleep(100);
  const streamErrors = streams.filter((stream) => stream.brokeOff).length;
  for (const stream of streams) stream.close();
  sampling = false;
  await sampleLoop;
  await sampler.end();

  const results = {
    "reading page": operations["reading page"].result(seconds),
    "thread API": operations["thread API"].result(seconds),
    post: operations.post.result(seconds),
    reply: operations.reply.result(seconds),
  };
  const maxOf = (key: "total" | "pool" | "live" | "active") => Math.max(0, ...connectionSamples.map((sample) => sample[key]));
  const meanOf = (key: "total" | "active") =>
    round(connectionSamples.reduce((sum, sample) => sum + sample[key], 0) / Math.max(1, connectionSamples.length));
  return {
    seconds: round(seconds, 1),
    instances: origins.length,
    readers: options.readers,
    writers: options.writers,
    subscribers: options.subscribers,
    operations: results,
    totalErrors: Object.values(results).reduce((sum, operation) => sum + operation.errors, 0) + streamErrors,
    live: { expected, delivered: deliveries.length, missing: expected - deliveries.length, latencyMs: summarise(deliveries), streamErrors },
    connections: {
      poolSizePerInstance: options.poolSizePerInstance,
      liveConnectionsPerInstance: options.liveConnectionsPerInstance,
      ceiling: origins.length * (options.poolSizePerInstance + options.liveConnectionsPerInstance),
      maxConnections,
      max: { total: maxOf("total"), pool: maxOf("pool"), live: maxOf("live"), active: maxOf("active") },
      mean: { total: meanOf("total"), active: meanOf("active") },
      samples: connectionSamples.length,
    },
  };
}

/** The mixed-load section of the printed report (markdown). */
export function formatMixedLoad(result: MixedLoadResult): string[] {
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(" | ")} |`);
  lines.push(
    `## Mixed load (${result.seconds} s; ${result.readers} readers, ${result.writers} writers, ${result.subscribers} live subscribers; ${result.instances} app instances on one database)`,
    "",
  );
  row("operation", "requests", "per s", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
  row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
  for (const [name, operation] of Object.entries(result.operations)) {
    row(
      name,
      operation.requests,
      operation.perSecond,
      operation.errors,
      operation.latencyMs.p50,
      operation.latencyMs.p95,
      operation.latencyMs.p99,
      operation.latencyMs.max,
    );
  }
  const live = result.live;
  row(
    "live delivery (POST start → event)",
    live.delivered,
    "",
    live.missing + live.streamErrors,
    live.latencyMs.p50,
    live.latencyMs.p95,
    live.latencyMs.p99,
    live.latencyMs.max,
  );
  lines.push("");
  lines.push(
    `Errors: ${result.totalErrors} (target 0); missing live deliveries ${live.missing} of ${live.expected}; streams that broke ${live.streamErrors}.`,
  );
  for (const [name, operation] of Object.entries(result.operations)) {
    if (operation.errors > 0) lines.push(`  ${name}: ${JSON.stringify(operation.errorStatuses)} ${operation.sampleErrors.join(" / ")}`);
  }
  const c = result.connections;
  lines.push(
    `Database connections (pg_stat_activity, ${c.samples} samples): max ${c.max.total} (app pools ${c.max.pool}, live channel ${c.max.live}, active at once ${c.max.active}), mean ${c.mean.total} (active ${c.mean.active}); ceiling ${c.ceiling} = ${result.instances} × (pool ${c.poolSizePerInstance} + live channel ${c.liveConnectionsPerInstance}); server max_connections ${c.maxConnections}.`,
    "",
  );
  return lines;
}
