// What the bench measures and how much of it: fixed volumes (the issue's), and the few knobs the
// environment may turn (README, "Performance").
import path from "node:path";
import { projectRoot } from "../lib/prisma6.ts";

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${process.env[name]}.`);
  return value;
};

export const STATEMENT_SLUG = "sco-2006-international-information-security";
export const COURSE_ID = "demo-course";
export const ASSIGNMENT_ID = "demo-assignment-sco-2006";
export const DEMO_PASSWORD = "scholia-demo";
export const SIGN_IN_EMAIL = "ana@scholia.test";
export const INSTRUCTOR_EMAIL = "instructor@scholia.test";
export const DEMO_EMAILS = [
  "instructor@scholia.test",
  "ta@scholia.test",
  "ana@scholia.test",
  "ben@scholia.test",
  "chen@scholia.test",
  "dara@scholia.test",
];

/** The data volume every phase but the growth curve runs on. */
export const ROOT_COUNT = 5_000;
export const REPLIES_PER_ROOT = 2;
export const EXTRA_STUDENTS = 200;
/**
 * BENCH_ROOTS: the growth curve's sizes (root annotations on one reading, replies twice as many),
 * comma-separated. The size equal to ROOT_COUNT is the main reading itself.
 */
export const GROWTH_ROOTS = (process.env.BENCH_ROOTS ?? "500,5000,50000").split(",").map((size) => {
  const value = Number(size.trim());
  if (!Number.isInteger(value) || value < 1 || value > 200_000) throw new Error(`BENCH_ROOTS: ${size} is not a size from 1 to 200000.`);
  return value;
});

/**
 * BENCH_ONLY=pages: only the reading page alone, signed in and out (times, HTML, database work per
 * request), on the main reading, and its budget: a quick before/after on a shared machine.
 * BENCH_ONLY=creates: the page alone as above, then the creates at 50 writers beside the bare
 * insert server, and their budgets. BENCH_ONLY=arrival: the page alone, then the class arriving and
 * its budgets. The other budgets are then not judged.
 */
export const BENCH_ONLY = (() => {
  const value = process.env.BENCH_ONLY ?? "";
  if (!["", "pages", "creates", "arrival"].includes(value))
    throw new Error(`BENCH_ONLY must be "pages", "creates", "arrival" or unset, not ${value}.`);
  return value;
})();

/**
 * Requests of each page on each instance before any is timed: V8 is still optimising the render
 * for the first few dozen (a series right after 5 warm-ups ran 79 ms at p50 where the same page,
 * warm, ran 54 ms), and a deployment serves warm.
 */
export const PAGE_WARMUP = 50;
export const PAGE_SAMPLES = 50;
/** Target 1's ratio: signed-in and signed-out pages requested in turn, this many of each. */
export const PAGE_PAIRS = 100;
export const GROWTH_SAMPLES = 30;
/** A page series stops early (and says so) when it takes longer than this. */
export const PAGE_SERIES_BUDGET_MS = 75_000;

export const WRITERS = 50;
export const WRITE_DURATION_MS = 15_000;
export const WRITE_MAX_REQUESTS = 50_000;
export const WRITE_WARMUP = 10;

export const PGBENCH_CLIENTS = 50;
export const PGBENCH_THREADS = 2;
export const PGBENCH_SECONDS = 10;

export const LIVE_SUBSCRIBERS = 100;
export const LIVE_EVENTS = 40;
export const LIVE_GAP_MS = 150;

/** Class arrival: every extra student loads the page and opens the stream within this window. */
export const ARRIVAL_WINDOW_MS = 10_000;

export const REQUEST_TIMEOUT_MS = 30_000;
/** What a browser asks for when it loads a page; the router's own refreshes ask for anything (the page sends its paint once: reading-view.tsx). */
export const PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
export const SERVER_START_TIMEOUT_MS = 90_000;

/** Connections per app instance, set explicitly on each: two instances share one PostgreSQL. */
export const APP_POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? process.env.DATABASE_POOL_SIZE ?? 10);
export const MIXED_SECONDS = envNumber("BENCH_MIXED_SECONDS", 60);
export const MIXED_READERS = envNumber("BENCH_MIXED_READERS", 20);
export const MIXED_WRITERS = envNumber("BENCH_MIXED_WRITERS", 10);
export const MIXED_SUBSCRIBERS = envNumber("BENCH_MIXED_SUBSCRIBERS", 50);

export const bin = (...segments: string[]) => path.join(projectRoot, "node_modules", ...segments);
export const resultsDir = path.join(projectRoot, "bench-results");
export { projectRoot };
