// npm test: the static checks, then every suite, each against its own fresh PostgreSQL database.
//   0. static       typecheck (tsc), lint (ESLint), format (Prettier --check)
//   1. unit         vitest, lib/domain and the pure lib/server modules (no database)
//   2. integration  vitest, lib/server + prisma, against a fresh migrated database
//   3. end-to-end   Playwright in Chromium, against a production build, in two shards side by side,
//                   each on a fresh seeded database of its own
// The database server is DATABASE_URL's when given (its databases are created and dropped
// beside the one it names), otherwise a throwaway embedded PostgreSQL.
// The whole run goes in two lanes side by side until the end-to-end shards start: the static
// checks and then the production build in one, unit and integration tests (one database, one file
// at a time: about one core) and the end-to-end databases in the other.
// All suites run even when one fails; the command fails when any did.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUILD_COMMAND, isBuildCurrent } from "./lib/build.ts";
import {
  dropDatabase,
  ensureDatabase,
  findFreePort,
  startEmbeddedDatabase,
  withDatabase,
  type EmbeddedDatabase,
} from "./lib/embedded-db.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { projectRoot } from "./lib/prisma6.ts";

type SuiteResult = { name: string; passed: number; failed: number; skipped: number; ok: boolean; seconds: number; isCheck?: boolean };

const bin = (...segments: string[]) => path.join(projectRoot, "node_modules", ...segments);
const reportsDir = mkdtempSync(path.join(os.tmpdir(), "scholia-test-reports-"));
const runId = `scholia_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const results: SuiteResult[] = [];
// `npm test -- unit e2e` runs those suites; any other argument goes to Playwright and vitest as a
// filter, e.g. `npm test -- e2e e2e/protocol.spec.ts` or `npm test -- integration lib/server/tokens`.
// The static checks run with the whole `npm test` (as in CI), or alone with `npm test -- static`.
const SUITES = new Set(["static", "unit", "integration", "e2e"]);
const only = new Set(process.argv.slice(2).filter((arg) => SUITES.has(arg)));
const filters = process.argv.slice(2).filter((arg) => !SUITES.has(arg));
const wants = (suite: string) => only.has(suite) || (only.size === 0 && (suite !== "static" || filters.length === 0));

/** A lane's output: behind a prefix while two lanes print at once, as it is otherwise. */
type Lane = { prefix: string };

/** Runs a command to its end; its output goes line by line behind the lane's prefix. */
function run(lane: Lane, command: string, args: string[], env: Record<string, string>): Promise<number> {
  return runPrefixed(lane.prefix, command, args, env);
}

/** One static check: it passes when its command exits 0. */
async function runCheck(lane: Lane, name: string, args: string[]): Promise<void> {
  const started = performance.now();
  console.log(`\n${lane.prefix}== ${name}`);
  const status = await run(lane, process.execPath, args, {});
  results.push({ name, passed: 0, failed: 0, skipped: 0, ok: status === 0, seconds: (performance.now() - started) / 1000, isCheck: true });
}

async function runStaticChecks(lane: Lane): Promise<void> {
  await runCheck(lane, "typecheck", [bin("typescript", "bin", "tsc"), "--noEmit"]);
  await runCheck(lane, "lint", [bin("eslint", "bin", "eslint.js"), "--max-warnings=0", "."]);
  await runCheck(lane, "format", [bin("prettier", "bin", "prettier.cjs"), "--check", "--log-level=warn", "."]);
}

async function runVitest(lane: Lane, project: "unit" | "integration", env: Record<string, string> = {}): Promise<void> {
  const started = performance.now();
  const output = path.join(reportsDir, `${project}.json`);
  const status = await run(
    lane,
    process.execPath,
    [
      bin("vitest", "vitest.mjs"),
      "run",
      "--project",
      project,
      ...filters,
      "--passWithNoTests",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${output}`,
    ],
    env,
  );
  const counts = readVitestCounts(output);
  results.push({
    name: project,
    ...counts,
    ok: status === 0 && counts.failed === 0 && counts.passed > 0,
    seconds: (performance.now() - started) / 1000,
  });
}

/** The production build the end-to-end run serves, made when a source is newer than it. */
async function buildForEndToEnd(lane: Lane): Promise<void> {
  if (isBuildCurrent()) return;
  console.log(`\n${lane.prefix}== next build`);
  const status = await run(lane, BUILD_COMMAND[0], [...BUILD_COMMAND[1]], { NEXT_TELEMETRY_DISABLED: "1" });
  if (status !== 0) throw new Error(`next build failed (exit ${status}).`);
}

function readVitestCounts(file: string): Pick<SuiteResult, "passed" | "failed" | "skipped"> {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults?: {
      name: string;
      status: string;
      message?: string;
      assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
    }[];
  };
  for (const fileResult of report.testResults ?? []) {
    const where = path.relative(process.cwd(), fileResult.name);
    const failedTests = (fileResult.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of fileResult.assertionResults ?? []) {
      // A test that passed on its retry keeps the first attempt's error.
      const flaky = test.status === "passed" && (test.failureMessages?.length ?? 0) > 0;
      if (test.status !== "failed" && !flaky) continue;
      const label = flaky ? "flaky (passed on its retry)" : "FAILED";
      failureNotes.push(`  ${label}: ${where} ${test.fullName}\n      ${firstLines(test.failureMessages?.[0] ?? "")}`);
    }
    // A file that failed to load, or whose hooks threw, has no failed test of its own.
    if (fileResult.status === "failed" && failedTests.length === 0)
      failureNotes.push(`  FAILED: ${where}\n      ${firstLines(fileResult.message ?? "the file failed")}`);
  }
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

/**
 * End-to-end: one production build, then E2E_SHARDS Playwright processes side by side (2 for the
 * whole suite, 1 when a filter picks specs), each with its own seeded database, its own app
 * server, mail sink and LMS on free ports, and its own output folder. Several specs count rows of
 * shared tables or change instance-wide settings, so shards never share a database. The spec
 * files are dealt to the shards by their running time in an earlier run (e2e/shard-weights.json,
 * seconds; a new spec counts as 30 s until it is measured), longest first to the lightest shard:
 * Playwright's own `--shard` balances test counts, and one shard took 2.5 times the other.
 */
function shardCount(): number {
  return Math.max(1, Number(process.env.E2E_SHARDS ?? (filters.length > 0 ? 1 : 2)));
}

/** A fresh, migrated and seeded database for each end-to-end shard. */
async function prepareEndToEndDatabases(lane: Lane, adminUrl: string, created: string[]): Promise<string[]> {
  const databases: string[] = [];
  for (let shard = 1; shard <= shardCount(); shard++) {
    const database = `${runId}_e2e${shard}`;
    await ensureDatabase(adminUrl, database);
    created.push(database);
    const url = withDatabase(adminUrl, database);
    applyMigrations(url);
    const seedStatus = await run(lane, process.execPath, [bin("tsx", "dist", "cli.mjs"), "--conditions=react-server", "prisma/seed.ts"], {
      DATABASE_URL: url,
    });
    if (seedStatus !== 0) throw new Error("Seeding the end-to-end database failed.");
    databases.push(url);
  }
  return databases;
}

async function runEndToEnd(databases: string[], started: number): Promise<void> {
  const shards = databases.length;
  const plan = planShards(shards);
  const runs = databases.map(async (url, index) => {
    const shard = index + 1;
    const output = path.join(reportsDir, `e2e-${shard}.json`);
    const env: Record<string, string> = {
      E2E_DATABASE_URL: url,
      E2E_PORT: String(await findFreePort()),
      // The SMTP server the run starts for the app's email, and its HTTP reader for the specs.
      E2E_SMTP_PORT: String(await findFreePort()),
      E2E_MAIL_SINK_PORT: String(await findFreePort()),
      // The LMS (LTI 1.3 platform) the run starts for the launch specs.
      E2E_LTI_PLATFORM_PORT: String(await findFreePort()),
      // The OpenID Provider (single sign-on) and its on/off switch.
      E2E_OIDC_PORT: String(await findFreePort()),
      E2E_OIDC_CONTROL_PORT: String(await findFreePort()),
      E2E_OUTPUT_DIR: shards === 1 ? "test-results" : `test-results/shard-${shard}`,
      PLAYWRIGHT_JSON_OUTPUT_NAME: output,
    };
    const args = [bin("@playwright", "test", "cli.js"), "test", ...(shards > 1 ? plan[index]! : filters)];
    const status = await runPrefixed(shards > 1 ? `[e2e ${shard}/${shards}] ` : "", process.execPath, args, env);
    return { status, counts: readPlaywrightCounts(output) };
  });
  const outcomes = await Promise.all(runs);
  const counts = outcomes.reduce(
    (sum, { counts: one }) => ({ passed: sum.passed + one.passed, failed: sum.failed + one.failed, skipped: sum.skipped + one.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  results.push({
    name: "e2e",
    ...counts,
    ok: outcomes.every(({ status }) => status === 0) && counts.failed === 0 && counts.passed > 0,
    seconds: (performance.now() - started) / 1000,
  });
}

/** The spec files of each shard (paths for Playwright's filter), by their recorded running time. */
function planShards(count: number): string[][] {
  const e2eDir = path.join(projectRoot, "e2e");
  const weights = JSON.parse(readFileSync(path.join(e2eDir, "shard-weights.json"), "utf8")) as Record<string, number>;
  const specs = readdirSync(e2eDir)
    .filter((file) => file.endsWith(".spec.ts"))
    .map((file) => ({ file, seconds: weights[file] ?? 30 }))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
  const shards = Array.from({ length: count }, () => ({ seconds: 0, files: [] as string[] }));
  for (const spec of specs) {
    const lightest = shards.reduce((best, shard) => (shard.seconds < best.seconds ? shard : best));
    lightest.seconds += spec.seconds;
    // Anchored on the folder, so "reading.spec.ts" does not also pick post-first-reading.spec.ts.
    lightest.files.push(`e2e/${spec.file}`);
  }
  return shards.map((shard) => shard.files);
}

/** Runs a command with its output line by line behind a prefix (two shards print at once). */
function runPrefixed(prefix: string, command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    const relay = (stream: NodeJS.ReadableStream, target: NodeJS.WriteStream) => {
      let pending = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const lines = (pending + chunk).split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) target.write(`${prefix}${line}\n`);
      });
      stream.on("end", () => {
        if (pending) target.write(`${prefix}${pending}\n`);
      });
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on("error", () => resolve(1));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

type PlaywrightSuite = {
  title: string;
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { status: string; results: { status: string; error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
};

/** Failed tests and flaky journeys, named in the summary: CI's log comes back only as its tail. */
const failureNotes: string[] = [];

/** The first lines of an error message, on one line, without terminal colours. */
function firstLines(message: string): string {
  return (
    message
      // eslint-disable-next-line no-control-regex -- colour codes in Playwright's and vitest's messages
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 4)
      .join(" / ")
      .slice(0, 400)
  );
}

function readPlaywrightCounts(file: string): Pick<SuiteResult, "passed" | "failed" | "skipped"> {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites?: PlaywrightSuite[];
  };
  const visit = (suite: PlaywrightSuite, titles: string[]) => {
    const path = suite.title && !suite.title.endsWith(".spec.ts") ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const failure = test.results.find((result) => result.status !== "passed" && result.status !== "skipped");
        const reason = firstLines(failure?.error?.message ?? failure?.status ?? "");
        const label = test.status === "flaky" ? "flaky (passed on its retry)" : "FAILED";
        failureNotes.push(`  ${label}: ${spec.file}:${spec.line} ${[...path, spec.title].join(" › ")}\n      ${reason}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, path);
  };
  for (const suite of report.suites ?? []) visit(suite, []);
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

async function main(): Promise<number> {
  const needsDatabase = wants("integration") || wants("e2e");
  let embedded: EmbeddedDatabase | undefined;
  let embeddedDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  const created: string[] = [];
  try {
    if (needsDatabase && !adminUrl) {
      embeddedDir = mkdtempSync(path.join(os.tmpdir(), "scholia-test-pg-"));
      console.log(`\nNo DATABASE_URL: starting a throwaway embedded PostgreSQL in ${embeddedDir}`);
      embedded = await startEmbeddedDatabase({ dataDir: embeddedDir, persistent: false });
      adminUrl = embedded.urlFor("postgres");
    }
    const checksWork = wants("static") || wants("e2e");
    const testsWork = wants("unit") || wants("integration") || wants("e2e");
    const twoLanes = checksWork && testsWork;
    const checks: Lane = { prefix: twoLanes ? "[static] " : "" };
    const tests: Lane = { prefix: twoLanes ? "[tests] " : "" };
    const endToEndStarted = performance.now();
    let databases: string[] = [];
    // Both lanes run to their end before anything is cleaned up, even when one fails.
    const lanes = await Promise.allSettled([
      (async () => {
        if (wants("static")) await runStaticChecks(checks);
        if (wants("e2e")) await buildForEndToEnd(checks);
      })(),
      (async () => {
        if (wants("unit")) await runVitest(tests, "unit");
        if (wants("integration")) {
          const database = `${runId}_int`;
          await ensureDatabase(adminUrl!, database);
          created.push(database);
          const url = withDatabase(adminUrl!, database);
          applyMigrations(url);
          await runVitest(tests, "integration", { DATABASE_URL: url, NODE_ENV: "test" });
        }
        if (wants("e2e")) databases = await prepareEndToEndDatabases(tests, adminUrl!, created);
      })(),
    ]);
    const failedLane = lanes.find((lane): lane is PromiseRejectedResult => lane.status === "rejected");
    if (failedLane) throw failedLane.reason;
    if (wants("e2e")) await runEndToEnd(databases, wants("unit") || wants("integration") ? performance.now() : endToEndStarted);
  } catch (error) {
    console.error(`\nTest setup failed: ${error instanceof Error ? error.message : String(error)}`);
    results.push({ name: "setup", passed: 0, failed: 1, skipped: 0, ok: false, seconds: 0 });
  } finally {
    for (const database of created)
      await dropDatabase(adminUrl!, database).catch((error: unknown) => console.error(`Could not drop ${database}:`, error));
    await embedded?.stop();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  }
  return summarise();
}

/** The order suites are listed in, whichever lane finished first. */
const SUITE_ORDER = ["typecheck", "lint", "format", "unit", "integration", "e2e", "setup"];

function summarise(): number {
  rmSync(reportsDir, { recursive: true, force: true });
  console.log("\nSuites:");
  results.sort((a, b) => SUITE_ORDER.indexOf(a.name) - SUITE_ORDER.indexOf(b.name));
  for (const suite of results) {
    if (suite.isCheck) {
      console.log(
        `  ${suite.ok ? "ok  " : "FAIL"} ${suite.name.padEnd(12)} ${suite.ok ? "clean" : "findings above"} (${suite.seconds.toFixed(1)} s)`,
      );
      continue;
    }
    console.log(
      `  ${suite.ok ? "ok  " : "FAIL"} ${suite.name.padEnd(12)} ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped (${suite.seconds.toFixed(1)} s)`,
    );
  }
  const passed = results.reduce((sum, suite) => sum + suite.passed, 0);
  const failed = results.reduce((sum, suite) => sum + suite.failed, 0);
  const skipped = results.reduce((sum, suite) => sum + suite.skipped, 0);
  console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failureNotes.length > 0) console.log(`\nTests and journeys that failed or needed their retry:\n${failureNotes.join("\n")}`);
  return results.every((suite) => suite.ok) && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
