// Write throughput: annotation creates over HTTP at 50 concurrent writers on one reading and
// course (the app, and the bare insert server as the yardstick), and pgbench's single-row inserts.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import {
  COURSE_ID,
  PGBENCH_CLIENTS,
  PGBENCH_SECONDS,
  PGBENCH_THREADS,
  REQUEST_TIMEOUT_MS,
  WRITE_DURATION_MS,
  WRITE_MAX_REQUESTS,
  WRITE_WARMUP,
  WRITERS,
} from "./config.ts";
import { randomRange, type ReadingData } from "./database.ts";
import { withClient } from "./lifecycle.ts";
import { makeRandom, round, summarise, tiptapDoc, type Summary } from "./stats.ts";

export type CreateResult = {
  writers: number;
  durationSeconds: number;
  requests: number;
  created: number;
  errors: number;
  errorStatuses: Record<string, number>;
  sampleErrors: string[];
  requestsPerSecond: number;
  createdPerSecond: number;
  latencyMs: Summary;
  /** Rows found in the database for the 201s (warm-up excluded); -1 when not checked. */
  rowsVerified: number;
};

type CreateOutcome = { status: string; ms: number; detail: string };
export type Poster = () => Promise<CreateOutcome>;

/** Posts one course-wide comment on a range of the reading to `url` (a create route); its status and body, read whole. */
export async function postCourseComment(
  url: string,
  headers: Record<string, string>,
  range: { start: number; end: number },
  text: string,
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({
      courseId: COURSE_ID,
      kind: "COMMENT",
      target: { start: range.start, end: range.end },
      body: tiptapDoc(text),
      visibility: "COURSE",
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * Posts comments on ranges of the reading to `url` (the app's create route, or the bare server),
 * with the bodies numbered "<label> N" so the stored rows can be counted afterwards.
 */
export function createPoster(url: string, headers: Record<string, string>, reading: ReadingData, label: string): Poster {
  const random = makeRandom(7);
  const ranges = Array.from({ length: 500 }, () => randomRange(random, reading));
  let sequence = 0;
  return async () => {
    const n = (sequence += 1);
    const range = ranges[n % ranges.length]!;
    const started = performance.now();
    try {
      const response = await postCourseComment(url, headers, range, `${label} ${n}`);
      return {
        status: String(response.status),
        ms: performance.now() - started,
        detail: response.status === 201 ? "" : response.body.slice(0, 200),
      };
    } catch (error) {
      const name = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.name) : "error";
      return { status: `network:${name}`, ms: performance.now() - started, detail: error instanceof Error ? error.message : String(error) };
    }
  };
}

export async function warmCreates(post: Poster): Promise<void> {
  for (let index = 0; index < WRITE_WARMUP; index += 1) {
    const result = await post();
    if (result.status !== "201") throw new Error(`A warm-up create answered ${result.status}: ${result.detail}`);
  }
}

/**
 * GETs `url` (a signed-in API read: the session and one small query), as a Poster whose success
 * is 200: the framework's own cost per request, beside the creates (benchCreates with okStatus "200").
 */
export function createGetter(url: string, headers: Record<string, string>): Poster {
  return async () => {
    const started = performance.now();
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = await response.text();
      return {
        status: String(response.status),
        ms: performance.now() - started,
        detail: response.status === 200 ? "" : body.slice(0, 200),
      };
    } catch (error) {
      return { status: "network", ms: performance.now() - started, detail: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** WRITERS concurrent writers, each posting as soon as its last post was answered. */
export async function benchCreates(
  post: Poster,
  { okStatus = "201", durationMs = WRITE_DURATION_MS }: { okStatus?: string; durationMs?: number } = {},
): Promise<CreateResult> {
  const latencies: number[] = [];
  const errorStatuses: Record<string, number> = {};
  const sampleErrors: string[] = [];
  let requests = 0;
  let created = 0;
  const startedAt = performance.now();
  const deadline = startedAt + durationMs;
  const worker = async () => {
    while (performance.now() < deadline && requests < WRITE_MAX_REQUESTS) {
      requests += 1;
      const result = await post();
      latencies.push(result.ms);
      if (result.status === okStatus) {
        created += 1;
      } else {
        errorStatuses[result.status] = (errorStatuses[result.status] ?? 0) + 1;
        if (sampleErrors.length < 5) sampleErrors.push(`${result.status}: ${result.detail}`);
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, () => worker()));
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    writers: WRITERS,
    durationSeconds: round(seconds, 2),
    requests,
    created,
    errors: requests - created,
    errorStatuses,
    sampleErrors,
    requestsPerSecond: round(requests / seconds),
    createdPerSecond: round(created / seconds),
    latencyMs: summarise(latencies),
    rowsVerified: -1,
  };
}

/** Rows a create run left (warm-up excluded), to check that every 201 was a stored row. */
export async function countCreatedRows(databaseUrl: string, label: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const rows = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM "Annotation" WHERE "bodyText" LIKE $1`, [
      `${label} %`,
    ]);
    return Number(rows.rows[0]?.count ?? 0) - WRITE_WARMUP;
  });
}

export type PgbenchResult = {
  clients: number;
  threads: number;
  seconds: number;
  tps: number;
  latencyAverageMs: number | null;
  transactions: number | null;
  command: string;
};

export async function runPgbench(databaseUrl: string, tempDir: string): Promise<PgbenchResult> {
  await withClient(databaseUrl, (client) =>
    client.query("CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload text, created_at timestamptz DEFAULT now())"),
  );
  const scriptFile = path.join(tempDir, "insert.sql");
  writeFileSync(scriptFile, "INSERT INTO bench_insert(payload) VALUES ('x');\n");
  const url = new URL(databaseUrl);
  const connection = ["-h", url.hostname, "-p", url.port || "5432"];
  if (url.username) connection.push("-U", decodeURIComponent(url.username));
  const database = decodeURIComponent(url.pathname.slice(1));
  const args = [
    "-n",
    "-c",
    String(PGBENCH_CLIENTS),
    "-j",
    String(PGBENCH_THREADS),
    "-T",
    String(PGBENCH_SECONDS),
    "-f",
    scriptFile,
    ...connection,
    database,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: "10" };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const output = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("pgbench", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), (PGBENCH_SECONDS + 60) * 1000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not run pgbench: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  const tps = /tps = ([\d.]+)/.exec(output.stdout)?.[1];
  if (output.code !== 0 || !tps) throw new Error(`pgbench failed (exit ${output.code}):\n${output.stdout}\n${output.stderr}`.trim());
  const latency = /latency average = ([\d.]+) ms/.exec(output.stdout)?.[1];
  const transactions = /number of transactions actually processed: (\d+)/.exec(output.stdout)?.[1];
  return {
    clients: PGBENCH_CLIENTS,
    threads: PGBENCH_THREADS,
    seconds: PGBENCH_SECONDS,
    tps: round(Number(tps)),
    latencyAverageMs: latency ? Number(latency) : null,
    transactions: transactions ? Number(transactions) : null,
    command: `pgbench ${args.join(" ")}`,
  };
}
