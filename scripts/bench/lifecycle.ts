// What the bench has started and must stop: servers, database clients, the bench database or the
// embedded PostgreSQL, temporary folders. One idempotent cleanup for the normal end and for
// Ctrl-C, and a detached reaper process (reaper.ts) for when this process dies without running it
// (tsx SIGKILLs a child that does not acknowledge Ctrl-C within ~60 ms, which a busy benchmark
// cannot promise).
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { dropDatabase, type EmbeddedDatabase } from "../lib/embedded-db.ts";
import { projectRoot } from "./config.ts";
import type { ReaperState } from "./reaper.ts";
import { log, sleep, withTimeout } from "./stats.ts";

type Stoppable = { name: string; stop: () => Promise<void> };

const stoppables: Stoppable[] = [];
const openClients = new Set<pg.Client>();
const reaperState: ReaperState = {};
let reaper: ChildProcess | undefined;
let cleaning: Promise<void> | undefined;

export const resources: {
  embedded?: EmbeddedDatabase;
  embeddedDir?: string;
  adminUrl?: string;
  database?: string;
  tempDir?: string;
} = {};

export function startReaper(): void {
  reaper = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "bench", "reaper.ts")], {
    cwd: projectRoot,
    detached: true,
    stdio: ["pipe", "ignore", "inherit"],
  });
  reaper.on("error", (error) => console.error(`The cleanup reaper did not start: ${error.message}`));
  reaper.stdin?.on("error", () => {}); // a reaper that is gone is reported by its own exit, not here
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}

/** Tells the reaper about something to clean up should this process die. */
export function tellReaper(update: ReaperState): void {
  if (update.serverPids) update = { serverPids: [...(reaperState.serverPids ?? []), ...update.serverPids] };
  Object.assign(reaperState, update);
  if (reaper?.stdin?.writable) reaper.stdin.write(`${JSON.stringify(update)}\n`);
}

async function dismissReaper(): Promise<void> {
  const stdin = reaper?.stdin;
  if (!stdin?.writable) return;
  await Promise.race([new Promise<void>((resolve) => stdin.end(`${JSON.stringify({ done: true })}\n`, () => resolve())), sleep(2_000)]);
}

/** Registers something that must be stopped at the end (servers); stopped in reverse order. */
export function onCleanup(name: string, stop: () => Promise<void>): void {
  stoppables.push({ name, stop });
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  openClients.add(client);
  return client;
}

export async function closeClient(client: pg.Client): Promise<void> {
  openClients.delete(client);
  await client.end();
}

/** One short-lived connection for one piece of work. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await closeClient(client);
  }
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const stoppable of [...stoppables].reverse()) {
      await stoppable.stop().catch((error: unknown) => console.error(`Could not stop ${stoppable.name}: ${String(error)}`));
    }
    for (const client of openClients) await client.end().catch(() => {});
    openClients.clear();
    const { adminUrl, database, embedded, embeddedDir, tempDir } = resources;
    if (adminUrl && database) {
      await withTimeout(dropDatabase(adminUrl, database), 30_000, "drop the bench database").then(
        () => log(`Dropped database ${database}.`),
        (error: unknown) => console.error(`Could not drop ${database}: ${error instanceof Error ? error.message : String(error)}`),
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

// `on`, not `once`: Ctrl-C reaches us twice (from the terminal and relayed by tsx), and a second
// signal without a listener of ours would end the process before the cleanup is done.
export function cleanUpOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (cleaning) return;
      console.error(`\n${signal}: cleaning up…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}
