// The app under test: a private copy of the production build, served by `next start` (one
// process group per instance, so its workers stop with it), and the bare insert server the
// creates are compared with.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../lib/build.ts";
import { APP_POOL_SIZE, bin, projectRoot, SERVER_START_TIMEOUT_MS } from "./config.ts";
import { onCleanup, tellReaper } from "./lifecycle.ts";
import { log, sleep } from "./stats.ts";

/**
 * Builds when needed, then takes a private copy of the build: `next build` run by anyone else
 * during the bench (npm test, npm run build) empties .next, which would break a server reading
 * it mid-run. The copy links node_modules and the config back to the project.
 */
export async function prepareBuild(tempDir: string): Promise<{ outcome: string; buildId: string; appDir: string }> {
  const nextDir = path.join(projectRoot, ".next");
  for (let attempt = 1; ; attempt += 1) {
    const lockDeadline = Date.now() + 240_000;
    while (existsSync(path.join(nextDir, "lock")) && Date.now() < lockDeadline) {
      log("Another next build is running (.next/lock); waiting for it…");
      await sleep(5_000);
    }
    const outcome = buildIfNeeded();
    const appDir = path.join(tempDir, `app-${attempt}`);
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

/** A server process the bench started, with the tail of its output. */
export class ServerProcess {
  readonly log: string[] = [];
  /** Output lines mentioning an error since the last reset. */
  errorLines = 0;

  constructor(
    readonly name: string,
    readonly origin: string,
    readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        if (/error|exception|unhandled/i.test(line)) this.errorLines += 1;
        this.log.push(line);
        if (this.log.length > 200) this.log.shift();
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    if (child.pid !== undefined) tellReaper({ serverPids: [child.pid] });
    onCleanup(name, () => this.stop());
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Polls `healthPath` until it answers 200. */
  async waitHealthy(healthPath: string): Promise<void> {
    const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.hasExited) {
        throw new Error(
          `${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before it was healthy:\n${this.log.slice(-30).join("\n")}`,
        );
      }
      try {
        const response = await fetch(`${this.origin}${healthPath}`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${this.name} was not healthy within ${SERVER_START_TIMEOUT_MS / 1000} s:\n${this.log.slice(-30).join("\n")}`);
  }

  /** SIGTERM to the process group, SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (this.hasExited || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
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
    log(`Stopped ${this.name}.`);
  }
}

/** `next start` of the build copy, on 127.0.0.1:port, against the bench database. */
export async function startAppServer({
  name,
  appDir,
  databaseUrl,
  port,
  sessionSecret,
}: {
  name: string;
  appDir: string;
  databaseUrl: string;
  port: number;
  sessionSecret: string;
}): Promise<ServerProcess> {
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
        NEXTAUTH_SECRET: sessionSecret,
        NEXT_TELEMETRY_DISABLED: "1",
        // Load comes from a few accounts writing as fast as they can: the quota check still runs
        // on every write (its cost is measured), it just never refuses.
        SCHOLIA_WRITES_PER_MINUTE: "1000000",
        SCHOLIA_MAX_POSTS_PER_READING: "1000000",
      },
    },
  );
  const server = new ServerProcess(name, origin, child);
  await server.waitHealthy("/api/health");
  return server;
}

/** bare-insert-server.ts on 127.0.0.1:port, with the app's pool size. */
export async function startBareInsertServer({
  databaseUrl,
  port,
  readingId,
}: {
  databaseUrl: string;
  port: number;
  readingId: string;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "bench", "bare-insert-server.ts")], {
    cwd: projectRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BARE_PORT: String(port),
      BARE_POOL_SIZE: String(APP_POOL_SIZE),
      BARE_READING_ID: readingId,
      NODE_ENV: "production",
    },
  });
  const server = new ServerProcess("the bare insert server", `http://127.0.0.1:${port}`, child);
  await server.waitHealthy("/health");
  return server;
}
