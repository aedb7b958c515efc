// The bench's cleanup of last resort, run as its own detached process (lifecycle.ts starts it).
// It reads what to clean up as JSON lines on stdin; when stdin closes without a final
// {"done":true} line (the bench died without cleaning up, e.g. SIGKILLed by tsx after Ctrl-C), it
// stops the app servers, drops the bench database, stops the embedded PostgreSQL and removes
// the temporary folders.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { isProcessAlive } from "../lib/is-process-alive.ts";

export type ReaperState = {
  /** Process groups of the servers the bench started (each runs detached, as its own group). */
  serverPids?: number[];
  adminUrl?: string;
  database?: string;
  embeddedDir?: string;
  tempDir?: string;
};

const state: ReaperState = {};
let done = false;
let buffer = "";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const note = (message: string) => process.stderr.write(`[bench reaper] ${message}\n`);

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (isProcessAlive(pid) && Date.now() < end) await sleep(200);
  return !isProcessAlive(pid);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function reap(): Promise<void> {
  note("the benchmark ended without cleaning up; cleaning up after it…");
  for (const pid of state.serverPids ?? []) {
    signalGroup(pid, "SIGTERM");
    if (!(await waitGone(pid, 10_000))) signalGroup(pid, "SIGKILL");
  }
  if ((state.serverPids ?? []).length > 0) note("stopped the servers");
  if (state.adminUrl && state.database && !state.embeddedDir) {
    try {
      const client = new pg.Client({ connectionString: state.adminUrl, connectionTimeoutMillis: 10_000 });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
      await client.end();
      note(`dropped database ${state.database}`);
    } catch (error) {
      note(`could not drop ${state.database}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (state.embeddedDir) {
    try {
      const pid = Number(readFileSync(path.join(state.embeddedDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) {
        process.kill(pid, "SIGINT");
        if (!(await waitGone(pid, 20_000))) process.kill(pid, "SIGKILL");
        await waitGone(pid, 5_000);
      }
      note("stopped the embedded PostgreSQL");
    } catch {
      // not running
    }
    rmSync(state.embeddedDir, { recursive: true, force: true });
  }
  if (state.tempDir) rmSync(state.tempDir, { recursive: true, force: true });
}

// Ctrl-C reaches the whole terminal's process group; the reaper outlives the bench on purpose.
process.on("SIGINT", () => {});
process.on("SIGHUP", () => {});
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  buffer += chunk;
  for (let index = buffer.indexOf("\n"); index >= 0; index = buffer.indexOf("\n")) {
    const line = buffer.slice(0, index);
    buffer = buffer.slice(index + 1);
    if (!line.trim()) continue;
    const message = JSON.parse(line) as ReaperState & { done?: boolean };
    if (message.done) done = true;
    else Object.assign(state, message);
  }
});
process.stdin.on("end", () => {
  if (done) process.exit(0);
  void reap().finally(() => process.exit(0));
});
