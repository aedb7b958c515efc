// npm run bench: a self-contained performance check of a production build against a realistic
// volume of annotations, on a throwaway database. Steps:
//   1. database: a fresh scholia_bench_* database on DATABASE_URL's server (dropped at the end),
//      or a throwaway embedded PostgreSQL; migrations, seed
//   2. data: 5,000 root annotations and 10,000 replies in the demo course (bulk SQL via pg)
//   3. `next start` on a free port, serving a private copy of the build (built first when the
//      build is missing or stale), so that a concurrent `next build` cannot pull it away
//   4. sign in as ana@scholia.test through next-auth's credentials flow
//   5. reading page server time, signed in (course context) and signed out
//   6. JavaScript shipped to the reading page, and the on-demand editor chunk(s)
//   7. annotation creates over HTTP, 50 concurrent writers
//   8. pgbench single-row inserts on the same PostgreSQL, for comparison
//   9–10. live delivery over two app instances, a thread with 200 replies
//   11. mixed load on both instances for BENCH_MIXED_SECONDS (default 60): readers (reading page +
//       thread API), writers (posts + replies) and live subscribers at once, with the database's
//       connection count sampled throughout (scripts/lib/mixed-load.ts)
// Around 5 and 7 it reads PostgreSQL's counters (transactions and rows per request, which show
// N+1 patterns and scans) and the CPU used by the server, PostgreSQL, this script and anything
// else. The report goes to stdout and to bench-results/latest.json (with the last HTML of each
// page). Traffic stays on 127.0.0.1. BENCH_CPU_PROFILE=<folder> makes the server write a V8
// CPU profile there.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { buildIfNeeded } from "./lib/build.ts";
import {
  dropDatabase,
  ensureDatabase,
  findFreePort,
  startEmbeddedDatabase,
  withDatabase,
  type EmbeddedDatabase,
} from "./lib/embedded-db.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { formatMixedLoad, runMixedLoad, type MixedLoadResult } from "./lib/mixed-load.ts";
import { projectRoot } from "./lib/prisma6.ts";

// ---------------------------------------------------------------------------------------------
// Parameters

const STATEMENT_SLUG = "sco-2006-international-information-security";
const COURSE_ID = "demo-course";
const ASSIGNMENT_ID = "demo-assignment-sco-2006";
const DEMO_PASSWORD = "scholia-demo";
const SIGN_IN_EMAIL = "ana@scholia.test";
const DEMO_EMAILS = [
  "instructor@scholia.test",
  "ta@scholia.test",
  "ana@scholia.test",
  "ben@scholia.test",
  "chen@scholia.test",
  "dara@scholia.test",
];

const ROOT_COUNT = 5_000;
const REPLY_COUNT = 10_000;
const EXTRA_STUDENTS = 200;
const INSERT_BATCH = 1_000;

const PAGE_WARMUP = 5;
const PAGE_SAMPLES = 50;
/** A page series stops early (and says so) when it takes longer than this. */
const PAGE_SERIES_BUDGET_MS = 75_000;

const WRITERS = 50;
const WRITE_DURATION_MS = 15_000;
const WRITE_MAX_REQUESTS = 20_000;
const WRITE_WARMUP = 10;

const PGBENCH_CLIENTS = 50;
const PGBENCH_THREADS = 2;
const PGBENCH_SECONDS = 10;

const REQUEST_TIMEOUT_MS = 30_000;

/** Connections per app instance, set explicitly on each: two instances share one PostgreSQL,
 *  so together they hold at most 2 × (pool + 1 LISTEN) connections. */
const APP_POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? process.env.DATABASE_POOL_SIZE ?? 10);
const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${process.env[name]}.`);
  return value;
};
const MIXED_SECONDS = envNumber("BENCH_MIXED_SECONDS", 60);
const MIXED_READERS = envNumber("BENCH_MIXED_READERS", 20);
const MIXED_WRITERS = envNumber("BENCH_MIXED_WRITERS", 10);
const MIXED_SUBSCRIBERS = envNumber("BENCH_MIXED_SUBSCRIBERS", 50);
const SERVER_START_TIMEOUT_MS = 90_000;

const bin = (...segments: string[]) => path.join(projectRoot, "node_modules", ...segments);
const resultsDir = path.join(projectRoot, "bench-results");

// ---------------------------------------------------------------------------------------------
// Small helpers

const benchStarted = performance.now();
const log = (message: string) => console.log(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(1).padStart(5)}s] ${message}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Deterministic PRNG (mulberry32) so every run seeds the same data. */
function makeRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1)); // inclusive
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)]!;
  };
  return { next, int, pick };
}
const random = makeRandom(20060615);

type Summary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };
function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mean = sorted.length === 0 ? NaN : sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(at(1)), mean: round(mean) };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function tiptapDoc(text: string) {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

// ---------------------------------------------------------------------------------------------
// Cleanup: one idempotent routine for finally and for Ctrl-C, and a reaper for when this process
// dies without running it (tsx SIGKILLs a child that does not acknowledge Ctrl-C within ~60 ms,
// which a busy benchmark cannot promise).

/** Runs detached; reads what to clean up as JSON lines on stdin and cleans it up if stdin
 *  closes without a final {"done":true} line. */
const REAPER_SOURCE = String.raw`
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");
const projectRoot = process.argv[1];
const state = {};
let done = false;
let buffer = "";
process.on("SIGINT", () => {});
process.on("SIGHUP", () => {});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
async function waitGone(pid, ms) { const end = Date.now() + ms; while (alive(pid) && Date.now() < end) await sleep(200); return !alive(pid); }
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  for (let index = buffer.indexOf("\n"); index >= 0; index = buffer.indexOf("\n")) {
    const line = buffer.slice(0, index);
    buffer = buffer.slice(index + 1);
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.done) done = true;
    else Object.assign(state, message);
  }
});
process.stdin.on("end", async () => {
  if (done) process.exit(0);
  const note = (message) => process.stderr.write("[bench reaper] " + message + "\n");
  note("the benchmark ended without cleaning up; cleaning up after it…");
  if (state.serverPid) {
    try { process.kill(-state.serverPid, "SIGTERM"); } catch {}
    if (!(await waitGone(state.serverPid, 10000))) { try { process.kill(-state.serverPid, "SIGKILL"); } catch {} }
    note("stopped the server");
  }
  if (state.adminUrl && state.database && !state.embeddedDir) {
    try {
      const pg = createRequire(path.join(projectRoot, "package.json"))("pg");
      const client = new pg.Client({ connectionString: state.adminUrl, connectionTimeoutMillis: 10000 });
      await client.connect();
      await client.query('DROP DATABASE IF EXISTS "' + state.database + '" WITH (FORCE)');
      await client.end();
      note("dropped database " + state.database);
    } catch (error) { note("could not drop " + state.database + ": " + (error && error.message)); }
  }
  if (state.embeddedDir) {
    try {
      const pid = Number(fs.readFileSync(path.join(state.embeddedDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) { process.kill(pid, "SIGINT"); if (!(await waitGone(pid, 20000))) process.kill(pid, "SIGKILL"); await waitGone(pid, 5000); }
      note("stopped the embedded PostgreSQL");
    } catch {}
    fs.rmSync(state.embeddedDir, { recursive: true, force: true });
  }
  if (state.tempDir) fs.rmSync(state.tempDir, { recursive: true, force: true });
  process.exit(0);
});
`;

type ReaperState = { serverPid?: number; adminUrl?: string; database?: string; embeddedDir?: string; tempDir?: string };
let reaper: ChildProcess | undefined;

function startReaper(): void {
  reaper = spawn(process.execPath, ["-e", REAPER_SOURCE, projectRoot], { detached: true, stdio: ["pipe", "ignore", "inherit"] });
  reaper.on("error", (error) => console.error(`The cleanup reaper did not start: ${error.message}`));
  reaper.stdin?.on("error", () => {}); // a reaper that is gone is reported by its own exit, not here
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}

function tellReaper(update: ReaperState | { done: true }): void {
  if (reaper?.stdin?.writable) reaper.stdin.write(`${JSON.stringify(update)}\n`);
}

async function dismissReaper(): Promise<void> {
  const stdin = reaper?.stdin;
  if (!stdin?.writable) return;
  await Promise.race([new Promise<void>((resolve) => stdin.end(`${JSON.stringify({ done: true })}\n`, () => resolve())), sleep(2_000)]);
}

let server: ChildProcess | undefined;
/** A second app instance on the same database (the live-delivery measurement). */
let secondServer: ChildProcess | undefined;
/** Shared by every instance, as in a deployment: a session from one is valid on the other. */
const SESSION_SECRET = randomBytes(32).toString("hex");
let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;
let adminUrl: string | undefined;
let benchDatabase: string | undefined;
let tempDir: string | undefined;
const openClients = new Set<pg.Client>();
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopServer();
    for (const client of openClients) await client.end().catch(() => {});
    openClients.clear();
    if (adminUrl && benchDatabase) {
      await withTimeout(dropDatabase(adminUrl, benchDatabase), 30_000, "drop the bench database").then(
        () => log(`Dropped database ${benchDatabase}.`),
        (error: unknown) => console.error(`Could not drop ${benchDatabase}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    if (embedded) {
      await withTimeout(embedded.stop(), 30_000, "stop the embedded PostgreSQL").catch((error: unknown) => console.error(String(error)));
      log("Stopped the embedded PostgreSQL.");
    }
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    await dismissReaper();
  })();
  return cleaning;
}

async function stopServer(): Promise<void> {
  await stopChild(secondServer);
  await stopChild(server);
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // The server runs in its own process group (detached), so its workers stop with it.
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      child.kill(signal);
    }
  };
  signalGroup("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    signalGroup("SIGKILL");
    await Promise.race([exited, sleep(5_000)]);
  }
  log("Stopped the server.");
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${ms / 1000} s: ${what}.`)), ms);
    }),
  ]);
}

// `on`, not `once`: Ctrl-C reaches us twice (from the terminal and relayed by tsx), and a second
// signal without a listener of ours would end the process before the cleanup is done.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (cleaning) return;
    console.error(`\n${signal}: cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  openClients.add(client);
  return client;
}

async function closeClient(client: pg.Client): Promise<void> {
  openClients.delete(client);
  await client.end();
}

// ---------------------------------------------------------------------------------------------
// 1–2. Database and data volume

type ParagraphRow = { id: string; position: number; startOffset: number; text: string };
type Author = { id: string; role: "INSTRUCTOR" | "TA" | "STUDENT"; groupId: string | null };
type Range = { paragraph: ParagraphRow; start: number; end: number };

function randomRange(canonicalText: string, paragraphs: readonly ParagraphRow[]): Range {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const paragraph = random.pick(paragraphs);
    const length = paragraph.text.length;
    if (length < 2) continue;
    let start = paragraph.startOffset + random.int(0, length - 2);
    let end = Math.min(paragraph.startOffset + length, start + random.int(6, 120));
    // Same trimming as the service: a stored range starts and ends on text.
    while (start < end && /\s/.test(canonicalText[start]!)) start += 1;
    while (end > start && /\s/.test(canonicalText[end - 1]!)) end -= 1;
    if (end > start) return { paragraph, start, end };
  }
  throw new Error("Could not find a non-blank range in the reading.");
}

const PHRASES = [
  "This clause echoes the 2005 Tunis agenda",
  "Note the framing of information as a weapon",
  "Who decides what counts as a threat here?",
  "Compare with the UN GGE language",
  'The word "sovereignty" carries the argument',
  "Cooperation & trust, but on whose terms?",
  "A <strong> claim with little detail",
  "I read this as a call for state control",
  "Good example for the essay on norms",
  "Is this binding or declaratory?",
];
const bodyText = (label: string) => `Bench ${label}: ${random.pick(PHRASES)}.`;

const ANNOTATION_COLUMNS = [
  "id",
  "kind",
  "authorId",
  "readingId",
  "paragraphId",
  "courseId",
  "assignmentId",
  "groupId",
  "visibility",
  "parentId",
  "rootId",
  "startOffset",
  "endOffset",
  "quoteExact",
  "quotePrefix",
  "quoteSuffix",
  "color",
  "body",
  "bodyText",
  "bodyHtml",
  "tags",
  "createdAt",
] as const;
type AnnotationInsert = Record<(typeof ANNOTATION_COLUMNS)[number], unknown>;

async function insertRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += INSERT_BATCH) {
    const batch = rows.slice(offset, offset + INSERT_BATCH);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    const columnList = columns.map((column) => `"${column}"`).join(", ");
    await client.query(`INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(", ")}`, values);
  }
}

type SeededData = {
  readingId: string;
  canonicalText: string;
  paragraphs: ParagraphRow[];
  counts: Record<string, number>;
  extraStudents: number;
  seconds: number;
};

async function seedVolume(databaseUrl: string): Promise<SeededData> {
  const started = performance.now();
  const client = await connect(databaseUrl);
  try {
    const readingRows = await client.query<{ id: string; canonicalText: string }>(
      `SELECT id, "canonicalText" FROM "Reading" WHERE slug = $1`,
      [STATEMENT_SLUG],
    );
    const reading = readingRows.rows[0];
    if (!reading) throw new Error(`The seed did not create the reading ${STATEMENT_SLUG}.`);
    const paragraphs = (
      await client.query<ParagraphRow>(
        `SELECT id, position, "startOffset", text FROM "Paragraph" WHERE "readingId" = $1 ORDER BY position`,
        [reading.id],
      )
    ).rows;
    if (paragraphs.length === 0) throw new Error("The reading has no paragraphs.");
    for (const paragraph of paragraphs) {
      if (reading.canonicalText.slice(paragraph.startOffset, paragraph.startOffset + paragraph.text.length) !== paragraph.text) {
        throw new Error(`Paragraph ${paragraph.position} does not match the canonical text at its offset.`);
      }
    }
    const groups = (
      await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Group" WHERE "courseId" = $1 ORDER BY name`, [COURSE_ID])
    ).rows;
    const groupA = groups.find((group) => group.name === "Group A");
    const groupB = groups.find((group) => group.name === "Group B");
    if (!groupA || !groupB) throw new Error("The seed did not create Group A and Group B.");
    const demo = (
      await client.query<{ id: string; email: string; passwordHash: string; role: Author["role"]; groupId: string | null }>(
        `SELECT u.id, u.email, u."passwordHash", m.role, m."groupId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id AND m."courseId" = $1 WHERE u.email = ANY($2)`,
        [COURSE_ID, DEMO_EMAILS],
      )
    ).rows;
    if (demo.length !== DEMO_EMAILS.length) throw new Error(`Expected ${DEMO_EMAILS.length} demo members, found ${demo.length}.`);
    const assignment = await client.query(`SELECT 1 FROM "Assignment" WHERE id = $1`, [ASSIGNMENT_ID]);
    if (assignment.rowCount === 0) throw new Error(`The seed did not create the assignment ${ASSIGNMENT_ID}.`);

    // ~200 extra students, alternating between the two groups. They share the demo password hash.
    const passwordHash = demo[0]!.passwordHash;
    const extraUsers = Array.from({ length: EXTRA_STUDENTS }, (_, index) => {
      const n = String(index + 1).padStart(3, "0");
      return { id: `bench_u_${n}`, email: `bench-student-${n}@scholia.test`, name: `Bench Student ${n}`, passwordHash };
    });
    const extraMemberships = extraUsers.map((user, index) => ({
      id: `bench_m_${index + 1}`,
      userId: user.id,
      courseId: COURSE_ID,
      role: "STUDENT",
      groupId: index % 2 === 0 ? groupA.id : groupB.id,
    }));

    await client.query("BEGIN");
    await insertRows(client, "User", ["id", "email", "name", "passwordHash"], extraUsers);
    await insertRows(client, "Membership", ["id", "userId", "courseId", "role", "groupId"], extraMemberships);

    const authors: Author[] = [
      ...demo.map((row) => ({ id: row.id, role: row.role, groupId: row.groupId })),
      ...extraMemberships.map((membership) => ({ id: membership.userId, role: "STUDENT" as const, groupId: membership.groupId })),
    ];
    const membersOf = new Map<string, Author[]>([
      [groupA.id, authors.filter((author) => author.groupId === groupA.id)],
      [groupB.id, authors.filter((author) => author.groupId === groupB.id)],
    ]);
    const staff = authors.filter((author) => author.role !== "STUDENT");

    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    const text = reading.canonicalText;
    let counter = 0;
    const roots: (AnnotationInsert & { createdAtMs: number })[] = [];
    for (let index = 0; index < ROOT_COUNT; index += 1) {
      const roll = random.next();
      const kind = roll < 0.4 ? "HIGHLIGHT" : roll < 0.85 ? "COMMENT" : "PARAGRAPH_POST";
      const author = random.pick(authors);
      const visibilityRoll = random.next();
      const visibility =
        visibilityRoll < 0.8 ? "COURSE" : visibilityRoll < 0.92 && author.groupId ? "GROUP" : visibilityRoll < 0.92 ? "COURSE" : "PRIVATE";
      const createdAtMs = now - Math.floor(random.next() * 14 * day);
      const id = `bench_${(counter += 1)}`;
      const base = {
        id,
        kind,
        authorId: author.id,
        readingId: reading.id,
        courseId: COURSE_ID,
        assignmentId: ASSIGNMENT_ID,
        groupId: visibility === "GROUP" ? author.groupId : null,
        visibility,
        parentId: null,
        rootId: null,
        tags: random.next() < 0.2 ? [random.pick(["norms", "sovereignty", "question", "essay"])] : [],
        createdAt: new Date(createdAtMs),
        createdAtMs,
      };
      const bodyFields = (label: string) => {
        const plain = bodyText(label);
        return { body: JSON.stringify(tiptapDoc(plain)), bodyText: plain, bodyHtml: `<p>${escapeHtml(plain)}</p>` };
      };
      if (kind === "PARAGRAPH_POST") {
        const paragraph = random.pick(paragraphs);
        roots.push({
          ...base,
          paragraphId: paragraph.id,
          startOffset: null,
          endOffset: null,
          quoteExact: null,
          quotePrefix: null,
          quoteSuffix: null,
          color: null,
          ...bodyFields(`paragraph post ${index + 1}`),
        });
      } else {
        const range = randomRange(text, paragraphs);
        roots.push({
          ...base,
          paragraphId: range.paragraph.id,
          startOffset: range.start,
          endOffset: range.end,
          quoteExact: text.slice(range.start, range.end),
          quotePrefix: text.slice(Math.max(0, range.start - 32), range.start),
          quoteSuffix: text.slice(range.end, range.end + 32),
          color: random.pick(["yellow", "green", "blue", "pink"]),
          ...(kind === "COMMENT" ? bodyFields(`comment ${index + 1}`) : { body: null, bodyText: null, bodyHtml: null }),
        });
      }
    }

    const threads = roots.filter((root) => root.kind !== "HIGHLIGHT");
    const replies: AnnotationInsert[] = [];
    for (let index = 0; index < REPLY_COUNT; index += 1) {
      const root = random.pick(threads);
      // Someone who can read the thread: its author for a private one, a group member (or staff) for a group one.
      const author =
        root.visibility === "PRIVATE"
          ? { id: String(root.authorId) }
          : root.visibility === "GROUP"
            ? random.pick([...(membersOf.get(String(root.groupId)) ?? []), ...staff])
            : random.pick(authors);
      const plain = bodyText(`reply ${index + 1}`);
      replies.push({
        id: `bench_${(counter += 1)}`,
        kind: "REPLY",
        authorId: author.id,
        readingId: reading.id,
        paragraphId: root.paragraphId,
        courseId: COURSE_ID,
        assignmentId: ASSIGNMENT_ID,
        groupId: root.groupId,
        visibility: root.visibility,
        parentId: root.id,
        rootId: root.id,
        startOffset: null,
        endOffset: null,
        quoteExact: null,
        quotePrefix: null,
        quoteSuffix: null,
        color: null,
        body: JSON.stringify(tiptapDoc(plain)),
        bodyText: plain,
        bodyHtml: `<p>${escapeHtml(plain)}</p>`,
        tags: [],
        createdAt: new Date(Math.min(now, root.createdAtMs + Math.floor(random.next() * 2 * day))),
      });
    }

    await insertRows(client, "Annotation", ANNOTATION_COLUMNS, roots);
    await insertRows(client, "Annotation", ANNOTATION_COLUMNS, replies);
    await client.query("COMMIT");
    // Fresh statistics, as autovacuum would produce shortly after a bulk load.
    await client.query(`ANALYZE "Annotation", "User", "Membership"`);

    const counted = await client.query<{ kind: string; count: string }>(
      `SELECT kind::text AS kind, count(*)::text AS count FROM "Annotation" WHERE "courseId" = $1 GROUP BY kind ORDER BY kind`,
      [COURSE_ID],
    );
    const counts = Object.fromEntries(counted.rows.map((row) => [row.kind, Number(row.count)]));
    return {
      readingId: reading.id,
      canonicalText: text,
      paragraphs,
      counts,
      extraStudents: extraUsers.length,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await closeClient(client);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Server

const serverLog: string[] = [];
let serverErrorLines = 0;

/**
 * Builds when needed, then serves a private copy of the build: `next build` run by anyone else
 * during the bench (npm test, npm run build) empties .next, which would break a server reading
 * it mid-run. The copy links node_modules and the config back to the project.
 */
async function prepareBuild(): Promise<{ outcome: string; buildId: string; appDir: string }> {
  const nextDir = path.join(projectRoot, ".next");
  for (let attempt = 1; ; attempt += 1) {
    const lockDeadline = Date.now() + 240_000;
    while (existsSync(path.join(nextDir, "lock")) && Date.now() < lockDeadline) {
      log("Another next build is running (.next/lock); waiting for it…");
      await sleep(5_000);
    }
    const outcome = buildIfNeeded();
    const appDir = path.join(tempDir!, `app-${attempt}`);
    try {
      const buildId = readFileSync(path.join(nextDir, "BUILD_ID"), "utf8").trim();
      mkdirSync(appDir);
      for (const entry of ["node_modules", "package.json", "next.config.js", "tsconfig.json"]) {
        if (existsSync(path.join(projectRoot, entry))) symlinkSync(path.join(projectRoot, entry), path.join(appDir, entry));
      }
      const cacheDir = path.join(nextDir, "cache");
      cpSync(nextDir, path.join(appDir, ".next"), {
        recursive: true,
        filter: (source) => source !== cacheDir && !source.startsWith(cacheDir + path.sep),
      });
      const copiedId = readFileSync(path.join(appDir, ".next", "BUILD_ID"), "utf8").trim();
      const currentId = readFileSync(path.join(nextDir, "BUILD_ID"), "utf8").trim();
      if (copiedId !== buildId || currentId !== buildId || existsSync(path.join(nextDir, "lock")))
        throw new Error("the build changed while it was copied");
      return { outcome, buildId, appDir };
    } catch (error) {
      rmSync(appDir, { recursive: true, force: true });
      if (attempt >= 3)
        throw new Error(`Could not take a consistent copy of the build: ${error instanceof Error ? error.message : String(error)}`);
      log(`The build changed under us (${error instanceof Error ? error.message : String(error)}); retrying…`);
      await sleep(5_000);
    }
  }
}

async function startServer(
  appDir: string,
  databaseUrl: string,
  port: number,
  { isSecond = false }: { isSecond?: boolean } = {},
): Promise<string> {
  const origin = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROFILE=<folder>: the server writes a V8 CPU profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : null;
  const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...nodeFlags, bin("next", "dist", "bin", "next"), "start", appDir, "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: appDir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: String(APP_POOL_SIZE),
        NODE_ENV: "production",
        NEXTAUTH_URL: origin,
        NEXTAUTH_SECRET: SESSION_SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  if (isSecond) secondServer = child;
  else server = child;
  if (child.pid !== undefined && !isSecond) tellReaper({ serverPid: child.pid });
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      if (/error|exception|unhandled/i.test(line)) serverErrorLines += 1;
      serverLog.push(line);
      if (serverLog.length > 200) serverLog.shift();
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${serverLog.slice(-30).join("\n")}`,
      );
    }
    try {
      const response = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return origin;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`The server was not healthy within ${SERVER_START_TIMEOUT_MS / 1000} s:\n${serverLog.slice(-30).join("\n")}`);
}

// ---------------------------------------------------------------------------------------------
// 4. Sign in

class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";", 1)[0] ?? "";
      const equals = pair.indexOf("=");
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value === "" || /max-age=0\b/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

async function signIn(origin: string, email: string, password: string): Promise<string> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${origin}/api/auth/csrf`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (csrfResponse.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}.`);
  jar.store(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf returned no csrfToken.");

  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${origin}/` }).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  jar.store(response);
  const answer = await response.text();
  if (!jar.has("next-auth.session-token")) {
    throw new Error(`Sign-in as ${email} gave no session cookie (status ${response.status}): ${answer.slice(0, 300)}`);
  }
  const session = await fetch(`${origin}/api/auth/session`, {
    headers: { Cookie: jar.header() },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await session.json()) as { user?: { email?: string } };
  if (body.user?.email !== email) throw new Error(`The session after sign-in is not ${email}: ${JSON.stringify(body)}`);
  return jar.header();
}

// ---------------------------------------------------------------------------------------------
// 5. Page timing

type PageResult = {
  path: string;
  signedIn: boolean;
  status: number;
  htmlBytes: number;
  htmlGzipBytes: number;
  /** Inline <script> content (mostly the RSC payload that hydrates the page). */
  inlineScriptBytes: number;
  warmup: number;
  /** Request start to last body byte. */
  totalMs: Summary;
  /** Request start to response headers. */
  ttfbMs: Summary;
  stoppedEarly: boolean;
  html: string;
};

function pageFetcher(origin: string, pagePath: string, cookie: string | null) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  return async () => {
    const started = performance.now();
    const response = await fetch(`${origin}${pagePath}`, { headers, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const ttfb = performance.now() - started;
    const html = await response.text();
    const total = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${pagePath} answered ${response.status}: ${html.slice(0, 300)}`);
    return { ttfb, total, html, status: response.status };
  };
}

async function warmPage(origin: string, pagePath: string, cookie: string | null): Promise<void> {
  const once = pageFetcher(origin, pagePath, cookie);
  for (let index = 0; index < PAGE_WARMUP; index += 1) await once();
}

async function samplePage(origin: string, pagePath: string, cookie: string | null): Promise<PageResult> {
  const once = pageFetcher(origin, pagePath, cookie);
  const totals: number[] = [];
  const ttfbs: number[] = [];
  const seriesStarted = performance.now();
  let stoppedEarly = false;
  let last: Awaited<ReturnType<typeof once>> | undefined;
  for (let index = 0; index < PAGE_SAMPLES; index += 1) {
    if (performance.now() - seriesStarted > PAGE_SERIES_BUDGET_MS) {
      stoppedEarly = true;
      break;
    }
    last = await once();
    totals.push(last.total);
    ttfbs.push(last.ttfb);
  }
  if (!last) throw new Error(`No sample of ${pagePath} within the time budget.`);
  const inlineScriptBytes = [...last.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((match) => !/\ssrc\s*=/i.test(match[1] ?? ""))
    .reduce((sum, match) => sum + Buffer.byteLength(match[2] ?? ""), 0);
  return {
    path: pagePath,
    signedIn: cookie !== null,
    status: last.status,
    htmlBytes: Buffer.byteLength(last.html),
    htmlGzipBytes: gzipSync(last.html).length,
    inlineScriptBytes,
    warmup: PAGE_WARMUP,
    totalMs: summarise(totals),
    ttfbMs: summarise(ttfbs),
    stoppedEarly,
    html: last.html,
  };
}

// ---------------------------------------------------------------------------------------------
// 6. JavaScript shipped

type ScriptFile = { url: string; rawBytes: number; gzipBytes: number };
type ScriptReport = { count: number; rawBytes: number; gzipBytes: number; files: ScriptFile[] };

function decodeAttribute(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = match[1]!.toLowerCase();
    if (name === "script" || name === "link") continue;
    attributes.set(name, decodeAttribute(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return attributes;
}

/** The /_next/static scripts the HTML loads up front: <script src> and script preloads. */
function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attributesOf(match[0]).get("src");
    if (src?.startsWith("/_next/static/")) urls.add(src);
  }
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const attributes = attributesOf(match[0]);
    const rel = (attributes.get("rel") ?? "").toLowerCase().split(/\s+/);
    const href = attributes.get("href");
    const isScript = rel.includes("modulepreload") || (rel.includes("preload") && attributes.get("as") === "script");
    if (isScript && href?.startsWith("/_next/static/")) urls.add(href);
  }
  return [...urls];
}

async function measureScripts(origin: string, html: string): Promise<ScriptReport> {
  const files: ScriptFile[] = [];
  for (const url of initialScripts(html)) {
    const response = await fetch(`${origin}${url}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}.`);
    files.push({ url, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length });
  }
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    count: files.length,
    rawBytes: files.reduce((sum, file) => sum + file.rawBytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    files,
  };
}

type EditorChunk = { file: string; rawBytes: number; gzipBytes: number; inInitialScripts: boolean; mentionedInHtml: boolean };

function findEditorChunks(appDir: string, initialUrls: string[], html: string): EditorChunk[] {
  const staticDir = path.join(appDir, ".next", "static");
  const chunksDir = path.join(staticDir, "chunks");
  if (!existsSync(chunksDir)) return [];
  const found: EditorChunk[] = [];
  const initial = new Set(initialUrls.map((url) => url.split("?")[0]!));
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) {
        visit(full);
        continue;
      }
      if (!entry.endsWith(".js")) continue;
      const source = readFileSync(full);
      const text = source.toString("utf8");
      if (!/prosemirror|tiptap/i.test(text)) continue;
      const url = `/_next/static/${path.relative(staticDir, full).split(path.sep).join("/")}`;
      found.push({
        file: url,
        rawBytes: source.length,
        gzipBytes: gzipSync(source).length,
        inInitialScripts: initial.has(url),
        mentionedInHtml: html.includes(url) || html.includes(path.basename(full)),
      });
    }
  };
  visit(chunksDir);
  return found.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

// ---------------------------------------------------------------------------------------------
// 7. Create throughput over HTTP

type CreateResult = {
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
  rowsVerified: number;
};

type CreateOutcome = { status: string; ms: number; detail: string };

function createPoster(origin: string, cookie: string, data: SeededData): () => Promise<CreateOutcome> {
  const ranges = Array.from({ length: 500 }, () => randomRange(data.canonicalText, data.paragraphs));
  const url = `${origin}/api/readings/${data.readingId}/annotations`;
  let sequence = 0;
  return async () => {
    const n = (sequence += 1);
    const range = ranges[n % ranges.length]!;
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: cookie },
        body: JSON.stringify({
          courseId: COURSE_ID,
          kind: "COMMENT",
          target: { start: range.start, end: range.end },
          body: tiptapDoc(`Load test comment ${n}`),
          visibility: "COURSE",
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      return {
        status: String(response.status),
        ms: performance.now() - started,
        detail: response.status === 201 ? "" : text.slice(0, 200),
      };
    } catch (error) {
      const name = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.name) : "error";
      return { status: `network:${name}`, ms: performance.now() - started, detail: error instanceof Error ? error.message : String(error) };
    }
  };
}

async function warmCreates(post: () => Promise<CreateOutcome>): Promise<void> {
  for (let index = 0; index < WRITE_WARMUP; index += 1) {
    const result = await post();
    if (result.status !== "201") throw new Error(`A warm-up create answered ${result.status}: ${result.detail}`);
  }
}

async function benchCreates(post: () => Promise<CreateOutcome>): Promise<CreateResult> {
  const latencies: number[] = [];
  const errorStatuses: Record<string, number> = {};
  const sampleErrors: string[] = [];
  let requests = 0;
  let created = 0;
  const startedAt = performance.now();
  const deadline = startedAt + WRITE_DURATION_MS;
  const worker = async () => {
    while (performance.now() < deadline && requests < WRITE_MAX_REQUESTS) {
      requests += 1;
      const result = await post();
      latencies.push(result.ms);
      if (result.status === "201") {
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

/** Rows the load test left (warm-up excluded), to check that every 201 was a stored row. */
async function countLoadTestRows(databaseUrl: string): Promise<number> {
  const client = await connect(databaseUrl);
  try {
    const rows = await client.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM "Annotation" WHERE "bodyText" LIKE 'Load test comment %'`,
    );
    return Number(rows.rows[0]?.count ?? 0) - WRITE_WARMUP;
  } finally {
    await closeClient(client);
  }
}

// ---------------------------------------------------------------------------------------------
// Where the time goes: database work per request (pg_stat counters) and CPU per process.
// PostgreSQL publishes a busy backend's counters only when it has been idle for up to 10 s,
// so each measured window is closed by a pause before the counters are read.

const STATS_SETTLE_MS = 11_000;
/** The transactions our own counter read adds (two SELECTs). */
const COUNTER_READ_TRANSACTIONS = 2;

type TableCounters = { seqScan: number; seqTupRead: number; idxScan: number; idxTupFetch: number };
type DbCounters = { xacts: number; tupReturned: number; tupFetched: number; tupInserted: number; tables: Record<string, TableCounters> };
type TableWork = { table: string; seqScans: number; seqRowsRead: number; indexScans: number; indexRowsFetched: number };
type DbWork = {
  requests: number;
  transactions: number;
  rowsReturned: number;
  rowsFetched: number;
  rowsInserted: number;
  tables: TableWork[];
};

async function readDbCounters(databaseUrl: string): Promise<DbCounters> {
  const client = await connect(databaseUrl);
  try {
    const database = await client.query<{ xacts: string; returned: string; fetched: string; inserted: string }>(
      `SELECT (xact_commit + xact_rollback)::text AS xacts, tup_returned::text AS returned, tup_fetched::text AS fetched, tup_inserted::text AS inserted
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    const tables = await client.query<{
      relname: string;
      seq_scan: string | null;
      seq_tup_read: string | null;
      idx_scan: string | null;
      idx_tup_fetch: string | null;
    }>(`SELECT relname, seq_scan::text, seq_tup_read::text, idx_scan::text, idx_tup_fetch::text FROM pg_stat_user_tables`);
    const row = database.rows[0];
    return {
      xacts: Number(row?.xacts ?? 0),
      tupReturned: Number(row?.returned ?? 0),
      tupFetched: Number(row?.fetched ?? 0),
      tupInserted: Number(row?.inserted ?? 0),
      tables: Object.fromEntries(
        tables.rows.map((table) => [
          table.relname,
          {
            seqScan: Number(table.seq_scan ?? 0),
            seqTupRead: Number(table.seq_tup_read ?? 0),
            idxScan: Number(table.idx_scan ?? 0),
            idxTupFetch: Number(table.idx_tup_fetch ?? 0),
          },
        ]),
      ),
    };
  } finally {
    await closeClient(client);
  }
}

function dbWorkPerRequest(before: DbCounters, after: DbCounters, requests: number): DbWork {
  const per = (value: number) => round(value / Math.max(1, requests), 1);
  const tables: TableWork[] = [];
  for (const [table, now] of Object.entries(after.tables)) {
    const then = before.tables[table] ?? { seqScan: 0, seqTupRead: 0, idxScan: 0, idxTupFetch: 0 };
    const work = {
      table,
      seqScans: per(now.seqScan - then.seqScan),
      seqRowsRead: per(now.seqTupRead - then.seqTupRead),
      indexScans: per(now.idxScan - then.idxScan),
      indexRowsFetched: per(now.idxTupFetch - then.idxTupFetch),
    };
    if (work.seqScans + work.indexScans > 0) tables.push(work);
  }
  tables.sort((a, b) => b.seqRowsRead + b.indexRowsFetched - (a.seqRowsRead + a.indexRowsFetched));
  return {
    requests,
    transactions: per(after.xacts - before.xacts - COUNTER_READ_TRANSACTIONS),
    rowsReturned: per(after.tupReturned - before.tupReturned),
    rowsFetched: per(after.tupFetched - before.tupFetched),
    rowsInserted: per(after.tupInserted - before.tupInserted),
    tables,
  };
}

type CpuSnapshot = { at: number; server: number; postgres: number; bench: number; machine: number };
type CpuUse = { wallSeconds: number; serverCores: number; postgresCores: number; benchCores: number; otherCores: number };

const clockTicks = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 5_000 });
  const ticks = Number(result.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** CPU seconds so far of the Next.js server (its process group), PostgreSQL (every `postgres` process) and this script. Linux only. */
function cpuSnapshot(): CpuSnapshot | null {
  if (!existsSync("/proc/self/stat")) return null;
  const serverGroup = server?.pid;
  let serverTicks = 0;
  let postgresTicks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    if (serverGroup !== undefined && Number(fields[2]) === serverGroup) serverTicks += ticks;
    else if (comm === "postgres") postgresTicks += ticks;
  }
  // Busy time of the whole machine: user, nice, system, irq, softirq, steal (not idle, iowait).
  const cpuLine = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpuLine.trim().split(/\s+/).map(Number);
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    server: serverTicks / clockTicks,
    postgres: postgresTicks / clockTicks,
    bench: (self.user + self.system) / 1e6,
    machine: (user + nice + system + irq + softirq + steal) / clockTicks,
  };
}

function cpuUse(before: CpuSnapshot | null, after: CpuSnapshot | null): CpuUse | null {
  if (!before || !after) return null;
  const wallSeconds = (after.at - before.at) / 1000;
  const cores = (seconds: number) => round(seconds / wallSeconds, 2);
  const ours = after.server - before.server + (after.postgres - before.postgres) + (after.bench - before.bench);
  return {
    wallSeconds: round(wallSeconds, 2),
    serverCores: cores(after.server - before.server),
    postgresCores: cores(after.postgres - before.postgres),
    benchCores: cores(after.bench - before.bench),
    otherCores: Math.max(0, cores(after.machine - before.machine - ours)),
  };
}

// ---------------------------------------------------------------------------------------------
// 8. pgbench

type PgbenchResult = {
  clients: number;
  threads: number;
  seconds: number;
  tps: number;
  latencyAverageMs: number | null;
  transactions: number | null;
  command: string;
};

async function runPgbench(databaseUrl: string): Promise<PgbenchResult> {
  const client = await connect(databaseUrl);
  try {
    await client.query("CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload text, created_at timestamptz DEFAULT now())");
  } finally {
    await closeClient(client);
  }
  const scriptFile = path.join(tempDir!, "insert.sql");
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
  if (output.code !== 0 || !tps) {
    throw new Error(`pgbench failed (exit ${output.code}):\n${output.stdout}\n${output.stderr}`.trim());
  }
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

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const startedAt = new Date();
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      phases[name] = round((performance.now() - started) / 1000, 2);
    }
  };
  tempDir = mkdtempSync(path.join(os.tmpdir(), "scholia-bench-"));
  startReaper();
  tellReaper({ tempDir });

  log("Building the app if the build is missing or stale…");
  const source = describeSource();
  const build = await phase("build", () => prepareBuild());
  const buildOutcome = build.outcome;
  log(`Build ${build.buildId}: ${buildOutcome} (serving a private copy).`);

  // 1. Database
  const mode = process.env.DATABASE_URL ? "DATABASE_URL server" : "embedded PostgreSQL";
  await phase("database start", async () => {
    adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) {
      embeddedDir = mkdtempSync(path.join(os.tmpdir(), "scholia-bench-pg-"));
      tellReaper({ embeddedDir });
      log(`No DATABASE_URL: starting a throwaway embedded PostgreSQL in ${embeddedDir}…`);
      embedded = await startEmbeddedDatabase({ dataDir: embeddedDir, persistent: false });
      adminUrl = embedded.urlFor("postgres");
    }
    const name = `scholia_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    benchDatabase = name;
    tellReaper({ adminUrl, database: name });
    await ensureDatabase(adminUrl, name);
  });
  const databaseUrl = withDatabase(adminUrl!, benchDatabase!);
  log(`Database ${benchDatabase} (${mode}).`);

  const serverInfo = await (async () => {
    const client = await connect(databaseUrl);
    try {
      const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
        [["fsync", "synchronous_commit", "shared_buffers", "max_connections", "wal_level"]],
      );
      const version = await client.query<{ server_version: string }>("SHOW server_version");
      return {
        version: version.rows[0]?.server_version ?? "?",
        settings: Object.fromEntries(settings.rows.map((row) => [row.name, row.unit ? `${row.setting} (${row.unit})` : row.setting])),
      };
    } finally {
      await closeClient(client);
    }
  })();

  await phase("migrate", () => applyMigrations(databaseUrl));
  await phase("seed", () => {
    const result = spawnSync(process.execPath, [bin("tsx", "dist", "cli.mjs"), "--conditions=react-server", "prisma/seed.ts"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "inherit",
      timeout: 180_000,
    });
    if (result.status !== 0) throw new Error(`Seeding failed (exit ${result.status ?? result.signal}).`);
  });

  // 2. Data volume
  log(`Inserting ${ROOT_COUNT} root annotations, ${REPLY_COUNT} replies and ${EXTRA_STUDENTS} extra students…`);
  const data = await phase("bulk insert", () => seedVolume(databaseUrl));
  const bulkRows = ROOT_COUNT + REPLY_COUNT + EXTRA_STUDENTS * 2;
  log(`Bulk insert: ${bulkRows} rows in ${data.seconds.toFixed(2)} s (${JSON.stringify(data.counts)}).`);

  // 3. Server
  const port = await findFreePort();
  log(`Starting next start on 127.0.0.1:${port}…`);
  const origin = await phase("server start", () => startServer(build.appDir, databaseUrl, port));
  log("Server is healthy.");

  // 4. Sign in
  const cookie = await phase("sign in", () => signIn(origin, SIGN_IN_EMAIL, DEMO_PASSWORD));
  log(`Signed in as ${SIGN_IN_EMAIL}.`);

  // 5–7. Warm-up first (every page and the create route), then the measured windows, each
  // followed by a pause so PostgreSQL's per-request counters can be read (see STATS_SETTLE_MS).
  const coursePath = `/readings/${data.readingId}?course=${COURSE_ID}`;
  const plainPath = `/readings/${data.readingId}`;
  const post = createPoster(origin, cookie, data);
  log(`Warming up: ${PAGE_WARMUP} requests per page, ${WRITE_WARMUP} creates…`);
  await phase("warm-up", async () => {
    await warmPage(origin, coursePath, cookie);
    await warmPage(origin, plainPath, null);
    await warmCreates(post);
  });
  log(`Waiting ${STATS_SETTLE_MS / 1000} s for PostgreSQL's statistics before each measured window is read…`);
  await phase("statistics pauses", () => sleep(STATS_SETTLE_MS));
  let counters = await readDbCounters(databaseUrl);
  const measured = async <T>(
    name: string,
    requestsOf: (result: T) => number,
    run: () => Promise<T>,
  ): Promise<{ result: T; db: DbWork; cpu: CpuUse | null }> => {
    const cpuBefore = cpuSnapshot();
    const result = await phase(name, run);
    const cpu = cpuUse(cpuBefore, cpuSnapshot());
    const pauseStarted = performance.now();
    await sleep(STATS_SETTLE_MS);
    phases["statistics pauses"] = round((phases["statistics pauses"] ?? 0) + (performance.now() - pauseStarted) / 1000, 2);
    const next = await readDbCounters(databaseUrl);
    const db = dbWorkPerRequest(counters, next, requestsOf(result));
    counters = next;
    return { result, db, cpu };
  };

  // 5. Page timing
  log(`Timing ${coursePath} (signed in): ${PAGE_SAMPLES} sequential requests…`);
  const signedIn = await measured(
    "page signed in",
    (page: PageResult) => page.totalMs.count,
    () => samplePage(origin, coursePath, cookie),
  );
  const signedInPage = signedIn.result;
  log(`Signed-in page p50 ${signedInPage.totalMs.p50} ms. Timing ${plainPath} (signed out)…`);
  const signedOut = await measured(
    "page signed out",
    (page: PageResult) => page.totalMs.count,
    () => samplePage(origin, plainPath, null),
  );
  const signedOutPage = signedOut.result;
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, "reading-signed-in.html"), signedInPage.html);
  writeFileSync(path.join(resultsDir, "reading-signed-out.html"), signedOutPage.html);

  // 6. JavaScript
  log("Measuring JavaScript shipped to the reading page…");
  const signedInScripts = await phase("javascript", () => measureScripts(origin, signedInPage.html));
  const signedOutScripts = await measureScripts(origin, signedOutPage.html);
  const initialUrls = [...new Set([...signedInScripts.files, ...signedOutScripts.files].map((file) => file.url))];
  const editorChunks = findEditorChunks(build.appDir, initialUrls, signedInPage.html + signedOutPage.html);
  const editorLoadedUpFront = editorChunks.some((chunk) => chunk.inInitialScripts || chunk.mentionedInHtml);
  const benchBodiesOnPage = (signedInPage.html.match(/Bench (?:comment|paragraph post) \d+/g) ?? []).length;

  // 7. Creates
  log(`Creating annotations with ${WRITERS} concurrent writers for ${WRITE_DURATION_MS / 1000} s…`);
  serverErrorLines = 0;
  const createRun = await measured(
    "http creates",
    (result: CreateResult) => result.requests,
    () => benchCreates(post),
  );
  const creates = createRun.result;
  const serverErrorLinesDuringCreates = serverErrorLines;
  creates.rowsVerified = await countLoadTestRows(databaseUrl);
  log(`Creates: ${creates.createdPerSecond}/s, ${creates.errors} errors.`);

  // 8. pgbench (the app is idle now, but stays up: same machine, same conditions as a deployment)
  log(`pgbench: ${PGBENCH_CLIENTS} clients, ${PGBENCH_THREADS} threads, ${PGBENCH_SECONDS} s of single-row inserts…`);
  const pgbench = await phase("pgbench", () => runPgbench(databaseUrl));
  const ratio = pgbench.tps > 0 ? creates.createdPerSecond / pgbench.tps : NaN;

  // 9. Live delivery: 100 subscribers over two app instances, posts made on the first.
  const port2 = await findFreePort();
  log(`Starting a second app instance on 127.0.0.1:${port2} (same database)…`);
  const origin2 = await phase("second server start", () => startServer(build.appDir, databaseUrl, port2, { isSecond: true }));
  log(`Live delivery: ${LIVE_SUBSCRIBERS} subscribers over two instances, ${LIVE_EVENTS} posts…`);
  const live = await phase("live delivery", () => benchLiveDelivery([origin, origin2], cookie, data, databaseUrl));
  log(`Live delivery p50 ${live.latencyMs.p50} ms, p95 ${live.latencyMs.p95} ms, ${live.missing} missing.`);

  // 10. A thread with 200 replies.
  log("A paragraph thread with 200 replies…");
  const thread = await phase("thread with 200 replies", () => benchThread(origin, cookie, data));
  log(`Thread with ${thread.replies} replies: p50 ${thread.responseMs.p50} ms, ${kib(thread.bytes)}.`);

  // 11. Mixed load on both instances.
  log(
    `Mixed load for ${MIXED_SECONDS} s: ${MIXED_READERS} readers, ${MIXED_WRITERS} writers, ${MIXED_SUBSCRIBERS} live subscribers over two instances…`,
  );
  serverErrorLines = 0;
  const mixed: MixedLoadResult = await phase("mixed load", () =>
    runMixedLoad({
      origins: [origin, origin2],
      cookie,
      readingId: data.readingId,
      courseId: COURSE_ID,
      ranges: Array.from({ length: 200 }, () => randomRange(data.canonicalText, data.paragraphs)).map(({ start, end }) => ({ start, end })),
      paragraphCount: data.paragraphs.length,
      databaseUrl,
      seconds: MIXED_SECONDS,
      readers: MIXED_READERS,
      writers: MIXED_WRITERS,
      subscribers: MIXED_SUBSCRIBERS,
      poolSizePerInstance: APP_POOL_SIZE,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    }),
  );
  const serverErrorLinesDuringMixed = serverErrorLines;
  log(`Mixed load: ${mixed.totalErrors} errors, max ${mixed.connections.max.total} database connections.`);

  const checks = [
    {
      name: `live delivery p95 under ${LIVE_TARGET_P95_MS} ms with ${LIVE_SUBSCRIBERS} subscribers on two instances`,
      ok: live.latencyMs.p95 < LIVE_TARGET_P95_MS && live.missing === 0,
      detail: `p95 ${live.latencyMs.p95} ms, ${live.missing} missing deliveries`,
    },
    {
      name: "editor chunk not referenced by the initial reading-page HTML",
      ok: editorChunks.length > 0 && !editorLoadedUpFront,
      detail:
        editorChunks.length === 0
          ? "no chunk containing ProseMirror/tiptap found in .next/static/chunks"
          : `${editorChunks.length} chunk(s)`,
    },
    {
      name: "signed-in page renders seeded annotations",
      ok: benchBodiesOnPage > 0,
      detail: `${benchBodiesOnPage} seeded comment/post bodies in the HTML`,
    },
    { name: "no errors under concurrent creates", ok: creates.errors === 0, detail: JSON.stringify(creates.errorStatuses) },
    {
      name: "every 201 is a row in the database",
      ok: creates.rowsVerified === creates.created,
      detail: `${creates.rowsVerified} rows for ${creates.created} created`,
    },
    {
      name: "nothing else kept the machine busy during the measured windows",
      ok: [signedIn.cpu, signedOut.cpu, createRun.cpu].every((cpu) => cpu === null || cpu.otherCores < 0.25),
      detail: `other processes used ${[signedIn.cpu, signedOut.cpu, createRun.cpu].map((cpu) => cpu?.otherCores ?? "?").join(" / ")} cores (pages in / pages out / creates); load average at the end ${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}`,
    },
    {
      name: "mixed load: no errors, no missing live deliveries",
      ok: mixed.totalErrors === 0 && mixed.live.missing === 0,
      detail: `${mixed.totalErrors} errors, ${mixed.live.missing} missing deliveries, ${serverErrorLinesDuringMixed} server log lines mentioning errors`,
    },
    {
      name: "mixed load: database connections within the instances' pools",
      ok: mixed.connections.max.pool + mixed.connections.max.live <= mixed.connections.ceiling,
      detail: `max ${mixed.connections.max.pool} pool + ${mixed.connections.max.live} LISTEN, ceiling ${mixed.connections.ceiling}, max_connections ${mixed.connections.maxConnections}`,
    },
  ];

  const totalSeconds = (performance.now() - benchStarted) / 1000;
  const stripHtml = ({ html: _html, ...rest }: PageResult) => rest;
  const report = {
    startedAt: startedAt.toISOString(),
    totalSeconds: round(totalSeconds, 1),
    machine: {
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "?",
      totalMemoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      note: "Client, Next.js server and PostgreSQL share this machine.",
    },
    database: { mode, name: benchDatabase, serverVersion: serverInfo.version, settings: serverInfo.settings, appPoolSize: APP_POOL_SIZE },
    build: `${buildOutcome} (${build.buildId})`,
    source,
    phasesSeconds: phases,
    data: {
      roots: ROOT_COUNT,
      replies: REPLY_COUNT,
      extraStudents: data.extraStudents,
      annotationsByKind: data.counts,
      paragraphs: data.paragraphs.length,
      canonicalTextLength: data.canonicalText.length,
      bulkInsertSeconds: round(data.seconds, 2),
      bulkRowsPerSecond: Math.round(bulkRows / data.seconds),
    },
    pages: { signedIn: stripHtml(signedInPage), signedOut: stripHtml(signedOutPage) },
    javascript: { signedIn: signedInScripts, signedOut: signedOutScripts, editorChunks, editorLoadedUpFront },
    creates,
    serverErrorLogLinesDuringCreates: serverErrorLinesDuringCreates,
    perRequest: {
      note: "PostgreSQL counters (pg_stat_database, pg_stat_user_tables) per request over each measured window; CPU in cores used during it.",
      pageSignedIn: { db: signedIn.db, cpu: signedIn.cpu },
      pageSignedOut: { db: signedOut.db, cpu: signedOut.cpu },
      create: { db: createRun.db, cpu: createRun.cpu },
    },
    pgbench,
    httpCreatesPerPgbenchInsert: round(ratio, 4),
    live,
    thread,
    mixed,
    checks,
  };

  printReport(report, signedInPage, signedOutPage);
  writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  log(`Wrote ${path.relative(projectRoot, path.join(resultsDir, "latest.json"))}.`);
}

// ---------------------------------------------------------------------------------------------
// 9. Live delivery and 10. a long thread

const LIVE_SUBSCRIBERS = 100;
const LIVE_EVENTS = 40;
const LIVE_GAP_MS = 150;
const LIVE_TARGET_P95_MS = 250;
const LIVE_WAIT_MS = 20_000;

type LiveResult = {
  subscribers: number;
  instances: number;
  events: number;
  deliveries: number;
  missing: number;
  latencyMs: Summary;
  byInstance: { origin: string; subscribers: number; latencyMs: Summary }[];
};

/**
 * Opens LIVE_SUBSCRIBERS server-sent-event streams, split over the instances, then posts
 * LIVE_EVENTS comments on the first instance, one every LIVE_GAP_MS, and measures for every
 * (subscriber, post) pair the time from just before the POST to the event's arrival.
 */
async function benchLiveDelivery(origins: string[], cookie: string, data: SeededData, databaseUrl: string): Promise<LiveResult> {
  const client = await connect(databaseUrl);
  let after = "0";
  try {
    after = (await client.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM "AnnotationEvent"`)).rows[0]?.id ?? "0";
  } finally {
    await closeClient(client);
  }
  const sentAt = new Map<string, number>();
  const subscribers = Array.from({ length: LIVE_SUBSCRIBERS }, (_, index) => ({
    origin: origins[index % origins.length]!,
    received: new Map<string, number>(),
    controller: new AbortController(),
  }));
  const decoder = () => new TextDecoder();
  const opened = subscribers.map(async (subscriber) => {
    const response = await fetch(`${subscriber.origin}/api/readings/${data.readingId}/events?course=${COURSE_ID}&after=${after}`, {
      headers: { Cookie: cookie, Accept: "text/event-stream" },
      signal: subscriber.controller.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`The live channel answered ${response.status}.`);
    const reader = response.body.getReader();
    const text = decoder();
    let buffer = "";
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += text.decode(value, { stream: true });
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
            if (!block.includes("event: annotation")) continue;
            const marker = /live-marker-(\d+)/.exec(block)?.[0];
            if (marker && !subscriber.received.has(marker)) subscriber.received.set(marker, performance.now());
          }
        }
      } catch {
        // aborted at the end
      }
    })();
  });
  await withTimeout(Promise.all(opened), 30_000, "open the live streams");
  await sleep(500);
  const range = randomRange(data.canonicalText, data.paragraphs);
  try {
    for (let index = 0; index < LIVE_EVENTS; index += 1) {
      const marker = `live-marker-${index}`;
      sentAt.set(marker, performance.now());
      const response = await fetch(`${origins[0]}/api/readings/${data.readingId}/annotations`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: cookie },
        body: JSON.stringify({
          courseId: COURSE_ID,
          kind: "COMMENT",
          target: range,
          body: tiptapDoc(`Live ${marker}`),
          visibility: "COURSE",
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.text();
      if (response.status !== 201) throw new Error(`A live post answered ${response.status}.`);
      await sleep(LIVE_GAP_MS);
    }
    const deadline = Date.now() + LIVE_WAIT_MS;
    while (Date.now() < deadline && subscribers.some((subscriber) => subscriber.received.size < LIVE_EVENTS)) await sleep(100);
  } finally {
    for (const subscriber of subscribers) subscriber.controller.abort();
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

type ThreadResult = { replies: number; samples: number; responseMs: Summary; bytes: number };

/** A paragraph post with 200 replies (made over HTTP), then its thread fetched 20 times. */
async function benchThread(origin: string, cookie: string, data: SeededData): Promise<ThreadResult> {
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
  const rootId = await post(`${origin}/api/readings/${data.readingId}/annotations`, {
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
  const url = `${origin}/api/readings/${data.readingId}/paragraphs/1/thread?course=${COURSE_ID}&sort=top`;
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

/** Which code was measured: the commit, and how many files differed from it when the build was taken. */
function describeSource(): { commit: string; uncommittedFiles: number } {
  const git = (args: string[]) => spawnSync("git", args, { cwd: projectRoot, encoding: "utf8", timeout: 10_000 });
  const commit = git(["rev-parse", "--short", "HEAD"]).stdout?.trim() || "unknown";
  const status = git(["status", "--porcelain"]).stdout ?? "";
  return { commit, uncommittedFiles: status.split("\n").filter((line) => line.trim() !== "").length };
}

type Report = {
  totalSeconds: number;
  source: { commit: string; uncommittedFiles: number };
  machine: { platform: string; cpus: number; cpuModel: string; totalMemoryGiB: number; node: string };
  database: { mode: string; serverVersion: string; settings: Record<string, string>; appPoolSize: number };
  build: string;
  phasesSeconds: Record<string, number>;
  data: {
    roots: number;
    replies: number;
    extraStudents: number;
    annotationsByKind: Record<string, number>;
    bulkInsertSeconds: number;
    bulkRowsPerSecond: number;
  };
  javascript: { signedIn: ScriptReport; signedOut: ScriptReport; editorChunks: EditorChunk[]; editorLoadedUpFront: boolean };
  creates: CreateResult;
  serverErrorLogLinesDuringCreates: number;
  perRequest: Record<"pageSignedIn" | "pageSignedOut" | "create", { db: DbWork; cpu: CpuUse | null }>;
  pgbench: PgbenchResult;
  live: LiveResult;
  thread: ThreadResult;
  mixed: MixedLoadResult;
  httpCreatesPerPgbenchInsert: number;
  checks: { name: string; ok: boolean; detail: string }[];
};

function printReport(report: Report, signedIn: PageResult, signedOut: PageResult): void {
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(" | ")} |`);
  const m = report.machine;
  lines.push("", "# Scholia benchmark", "");
  lines.push(
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.totalMemoryGiB} GiB RAM, ${m.platform}, Node ${m.node}. Client, server and database share it.`,
  );
  lines.push(
    `Database: ${report.database.mode}, PostgreSQL ${report.database.serverVersion} (${Object.entries(report.database.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ")}); app pool ${report.database.appPoolSize}.`,
  );
  lines.push(
    `Code: commit ${report.source.commit}${report.source.uncommittedFiles > 0 ? ` + ${report.source.uncommittedFiles} uncommitted file(s)` : ""}. Build: ${report.build}. Total bench time ${report.totalSeconds.toFixed(1)} s.`,
    "",
  );

  lines.push("## Data", "");
  row("what", "value");
  row("---", "---");
  row(
    "annotations by kind",
    Object.entries(report.data.annotationsByKind)
      .map(([k, v]) => `${k} ${v}`)
      .join(", "),
  );
  row("extra students", report.data.extraStudents);
  row("bulk insert", `${report.data.bulkInsertSeconds.toFixed(2)} s (${report.data.bulkRowsPerSecond} rows/s)`);
  row("migrate + seed", `${(report.phasesSeconds.migrate ?? 0).toFixed(1)} s + ${(report.phasesSeconds.seed ?? 0).toFixed(1)} s`);
  lines.push("");

  lines.push("## Reading page (sequential, ms: request start → last byte; TTFB in brackets)", "");
  row("page", "n", "p50", "p95", "max", "TTFB p50", "HTML", "HTML gzip", "of which inline scripts");
  row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
  for (const page of [signedIn, signedOut]) {
    row(
      `${page.signedIn ? "signed in (ana, course)" : "signed out"} ${page.path}${page.stoppedEarly ? " (stopped early: time budget)" : ""}`,
      page.totalMs.count,
      page.totalMs.p50,
      page.totalMs.p95,
      page.totalMs.max,
      page.ttfbMs.p50,
      kib(page.htmlBytes),
      kib(page.htmlGzipBytes),
      kib(page.inlineScriptBytes),
    );
  }
  lines.push("", "The last HTML of each series is in bench-results/reading-signed-in.html and reading-signed-out.html.", "");

  lines.push("## JavaScript on the reading page (initial <script src> + script preloads)", "");
  row("page", "files", "raw", "gzip");
  row("---", "---:", "---:", "---:");
  row("signed in", report.javascript.signedIn.count, kib(report.javascript.signedIn.rawBytes), kib(report.javascript.signedIn.gzipBytes));
  row(
    "signed out",
    report.javascript.signedOut.count,
    kib(report.javascript.signedOut.rawBytes),
    kib(report.javascript.signedOut.gzipBytes),
  );
  lines.push("", "Largest initial files (signed in):");
  for (const file of report.javascript.signedIn.files.slice(0, 6))
    lines.push(`  ${kib(file.gzipBytes).padStart(10)} gzip  ${kib(file.rawBytes).padStart(10)} raw  ${file.url}`);
  lines.push("", "Chunks containing ProseMirror/tiptap (the editor, loaded on demand):");
  if (report.javascript.editorChunks.length === 0) lines.push("  none found");
  for (const chunk of report.javascript.editorChunks) {
    lines.push(
      `  ${kib(chunk.gzipBytes).padStart(10)} gzip  ${kib(chunk.rawBytes).padStart(10)} raw  ${chunk.file}  ${chunk.inInitialScripts || chunk.mentionedInHtml ? "REFERENCED BY THE INITIAL HTML" : "not in the initial HTML"}`,
    );
  }
  lines.push("");

  const c = report.creates;
  lines.push(`## Annotation creates over HTTP (${c.writers} concurrent writers, ${c.durationSeconds} s, signed in as ana)`, "");
  row("requests", "201", "errors", "req/s", "created/s", "p50 ms", "p95 ms", "p99 ms", "max ms");
  row("---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
  row(
    c.requests,
    c.created,
    c.errors,
    c.requestsPerSecond,
    c.createdPerSecond,
    c.latencyMs.p50,
    c.latencyMs.p95,
    c.latencyMs.p99,
    c.latencyMs.max,
  );
  if (c.errors > 0) {
    lines.push("", `Error statuses: ${JSON.stringify(c.errorStatuses)}`);
    for (const sample of c.sampleErrors) lines.push(`  ${sample}`);
  }
  lines.push(`Server log lines mentioning errors during the run: ${report.serverErrorLogLinesDuringCreates}.`, "");

  lines.push("## Work per request (PostgreSQL counters over each window; CPU cores busy during it)", "");
  row(
    "window",
    "requests",
    "DB transactions/req",
    "rows returned/req",
    "rows fetched/req",
    "rows inserted/req",
    "server cores",
    "postgres cores",
    "bench client cores",
    "other processes cores",
  );
  row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
  const windows = [
    ["reading page, signed in", report.perRequest.pageSignedIn],
    ["reading page, signed out", report.perRequest.pageSignedOut],
    ["create (50 writers)", report.perRequest.create],
  ] as const;
  for (const [label, { db, cpu }] of windows) {
    row(
      label,
      db.requests,
      db.transactions,
      db.rowsReturned,
      db.rowsFetched,
      db.rowsInserted,
      cpu?.serverCores ?? "?",
      cpu?.postgresCores ?? "?",
      cpu?.benchCores ?? "?",
      cpu?.otherCores ?? "?",
    );
  }
  for (const [label, { db }] of windows) {
    const tables = db.tables
      .slice(0, 5)
      .map(
        (table) =>
          `${table.table}: ${table.seqScans} seq scans (${table.seqRowsRead} rows), ${table.indexScans} index scans (${table.indexRowsFetched} rows)`,
      );
    lines.push(`  ${label}, per request: ${tables.length > 0 ? tables.join("; ") : "no table scans"}`);
  }
  lines.push("");

  const p = report.pgbench;
  lines.push("## pgbench single-row inserts (same PostgreSQL, same run)", "");
  row("clients", "threads", "seconds", "tps", "latency avg ms", "HTTP creates/s ÷ pgbench tps");
  row("---:", "---:", "---:", "---:", "---:", "---:");
  row(
    p.clients,
    p.threads,
    p.seconds,
    p.tps,
    p.latencyAverageMs ?? "?",
    `${report.httpCreatesPerPgbenchInsert} (1 : ${(1 / report.httpCreatesPerPgbenchInsert).toFixed(1)})`,
  );
  lines.push("");

  const l = report.live;
  lines.push(
    `## Live delivery (${l.subscribers} SSE subscribers over ${l.instances} app instances, ${l.events} posts on the first; ms from POST start to event)`,
    "",
  );
  row("scope", "subscribers", "deliveries", "p50", "p95", "p99", "max");
  row("---", "---", "---", "---", "---", "---", "---");
  row("all", l.subscribers, l.deliveries, l.latencyMs.p50, l.latencyMs.p95, l.latencyMs.p99, l.latencyMs.max);
  for (const instance of l.byInstance)
    row(
      instance.origin,
      instance.subscribers,
      instance.latencyMs.count,
      instance.latencyMs.p50,
      instance.latencyMs.p95,
      instance.latencyMs.p99,
      instance.latencyMs.max,
    );
  lines.push("", `Missing deliveries: ${l.missing}.`, "");
  const t = report.thread;
  lines.push(`## Paragraph thread API (paragraph 1, including a post with ${t.replies} replies; ${t.samples} sequential requests)`, "");
  lines.push(`p50 ${t.responseMs.p50} ms, p95 ${t.responseMs.p95} ms, max ${t.responseMs.max} ms, ${kib(t.bytes)} of JSON.`, "");
  lines.push(...formatMixedLoad(report.mixed));
  lines.push("## Checks", "");
  for (const check of report.checks) lines.push(`  ${check.ok ? "ok  " : "WARN"} ${check.name} — ${check.detail}`);
  lines.push(
    "",
    `Phases (s): ${Object.entries(report.phasesSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    "",
  );
  console.log(lines.join("\n"));
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  exitCode = 1;
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  if (serverLog.length > 0) console.error(`\nLast server output:\n${serverLog.slice(-20).join("\n")}`);
} finally {
  await cleanup();
}
log(`Done in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s.`);
process.exit(exitCode);
