// npm run bench: a self-contained performance check of a production build against a realistic
// volume of annotations, on a throwaway database, judged against the budgets of issue #12
// (budgets.ts). Steps:
//   1. database: a fresh scholia_bench_* database on DATABASE_URL's server (dropped at the end),
//      or a throwaway embedded PostgreSQL; migrations, seed; 5,000 root annotations and 10,000
//      replies on the statement, 200 extra students, and copies of the statement with the growth
//      curve's other volumes (BENCH_ROOTS)
//   2. two `next start` instances of a private copy of the build, one database
//   3. sign in as ana through next-auth; a session of their own minted for each extra student
//   4. the reading page alone, signed in and signed out; the JavaScript it loads; the growth curve
//   5. creates at 50 writers, then the same against the bare node:http + pg insert server; pgbench
//   6. live delivery alone over the two instances; a thread with 200 replies
//   7. a class of 200 arriving within 10 s, then a post reaching all their streams
//   8. mixed load on both instances (readers, writers, live subscribers) for BENCH_MIXED_SECONDS
// Around 4 and 5 it reads PostgreSQL's counters (transactions and rows per request) and the CPU
// used by the server, PostgreSQL, this script and anything else. The report goes to stdout and to
// bench-results/latest.json; the bench exits non-zero when a budget or a correctness check fails.
// Traffic stays on 127.0.0.1. BENCH_CPU_PROFILE=<folder> makes the servers write V8 CPU profiles.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../lib/embedded-db.ts";
import { evaluateArrivalBudgets, evaluateBudgets, evaluateCreateBudgets, evaluatePageBudgets, type GrowthPoint } from "./budgets.ts";
import { benchClassArrival } from "./class-arrival.ts";
import {
  APP_POOL_SIZE,
  BENCH_ONLY,
  COURSE_ID,
  DEMO_PASSWORD,
  GROWTH_ROOTS,
  GROWTH_SAMPLES,
  INSTRUCTOR_EMAIL,
  MIXED_READERS,
  MIXED_SECONDS,
  MIXED_SUBSCRIBERS,
  MIXED_WRITERS,
  projectRoot,
  REPLIES_PER_ROOT,
  REQUEST_TIMEOUT_MS,
  resultsDir,
  ROOT_COUNT,
  SIGN_IN_EMAIL,
  WRITE_DURATION_MS,
  WRITERS,
} from "./config.ts";
import { cpuSnapshot, cpuUse, dbWorkPerRequest, readDbCounters, STATS_SETTLE_MS, type CpuUse, type DbWork } from "./counters.ts";
import { benchCreates, countCreatedRows, createGetter, createPoster, runPgbench, warmCreates, type CreateResult } from "./creates.ts";
import { copyStatement, findStatement, prepareDatabase, seedAnnotations, seedExtraStudents, randomRange } from "./database.ts";
import { findEditorChunks, measureScripts } from "./javascript.ts";
import { cleanup, cleanUpOnSignals, resources, startReaper, tellReaper } from "./lifecycle.ts";
import { benchLiveDelivery, benchThread, liveCursor } from "./live.ts";
import { benchLongReading, longReadingBudgets } from "./long-reading.ts";
import { runMixedLoad } from "./mixed-load.ts";
import { samplePage, samplePagesAlternating, warmPage, type AlternatingPages, type PageResult } from "./pages.ts";
import { printReport, type Check, type Report } from "./report.ts";
import { prepareBuild, startAppServer, startBareInsertServer, type ServerProcess } from "./server.ts";
import { mintSessions, signIn } from "./sessions.ts";
import { elapsedSeconds, log, makeRandom, round, sleep } from "./stats.ts";

/** Shared by every instance, as in a deployment: a session from one is valid on the other. */
const SESSION_SECRET = randomBytes(32).toString("hex");
/** The live channel's connections per instance: its LISTEN connection and its reader pool of two (event-bus.ts, README). */
const LIVE_CONNECTIONS_PER_INSTANCE = 3;
/** How long the signed-in API reads beside the creates run (the framework's floor). */
const FLOOR_DURATION_MS = 5_000;
const APP_LABEL = "Load test comment";
const BARE_LABEL = "Bare insert comment";

const servers: ServerProcess[] = [];

async function main(): Promise<number> {
  const startedAt = new Date();
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      phases[name] = round((phases[name] ?? 0) + (performance.now() - started) / 1000, 2);
    }
  };
  resources.tempDir = mkdtempSync(path.join(os.tmpdir(), "scholia-bench-"));
  startReaper();
  tellReaper({ tempDir: resources.tempDir });

  log("Building the app if the build is missing or stale…");
  const source = describeSource();
  const build = await phase("build", () => prepareBuild(resources.tempDir!));
  log(`Build ${build.buildId}: ${build.outcome} (serving a private copy).`);

  // 1. Database and data
  const { databaseUrl, mode, serverInfo } = await phase("database", () => prepareDatabase());
  const students = await phase("bulk insert", () => seedExtraStudents(databaseUrl));
  log(`Inserting ${ROOT_COUNT} root annotations and ${ROOT_COUNT * REPLIES_PER_ROOT} replies on the statement…`);
  const main = await phase("bulk insert", async () =>
    seedAnnotations(databaseUrl, await findStatement(databaseUrl), {
      roots: ROOT_COUNT,
      replies: ROOT_COUNT * REPLIES_PER_ROOT,
      seed: 20060615,
      idPrefix: "bench_",
    }),
  );
  log(`Main reading: ${JSON.stringify(main.counts)} in ${main.seconds.toFixed(2)} s.`);
  const growthReadings = new Map<number, typeof main>([[ROOT_COUNT, main]]);
  for (const roots of BENCH_ONLY === "pages" ? [] : GROWTH_ROOTS) {
    if (growthReadings.has(roots)) continue;
    log(`Growth curve: a copy of the statement with ${roots} roots and ${roots * REPLIES_PER_ROOT} replies…`);
    const copy = await phase("bulk insert", async () =>
      seedAnnotations(databaseUrl, await copyStatement(databaseUrl, `g${roots}`), {
        roots,
        replies: roots * REPLIES_PER_ROOT,
        seed: roots,
        idPrefix: `bench_g${roots}_`,
      }),
    );
    growthReadings.set(roots, copy);
  }

  // 2. Servers
  const [first, second] = await phase("server start", () =>
    Promise.all(
      ["the first app instance", "the second app instance"].map(async (name) =>
        startAppServer({ name, appDir: build.appDir, databaseUrl, port: await findFreePort(), sessionSecret: SESSION_SECRET }),
      ),
    ),
  );
  servers.push(first!, second!);
  const origins = [first!.origin, second!.origin];
  const origin = origins[0]!;
  log(`Two app instances are healthy: ${origins.join(", ")}.`);

  // 3. Sessions
  const cookie = await phase("sign in", () => signIn(origin, SIGN_IN_EMAIL, DEMO_PASSWORD));
  const instructorCookie = await phase("sign in", () => signIn(origin, INSTRUCTOR_EMAIL, DEMO_PASSWORD));
  const studentCookies = await phase("sign in", () => mintSessions(databaseUrl, SESSION_SECRET, students, origin));
  log(`Signed in as ${SIGN_IN_EMAIL} and ${INSTRUCTOR_EMAIL}; ${studentCookies.length} student sessions minted.`);

  // 4. The page alone. Warm-up first, then measured windows, each followed by a pause so
  // PostgreSQL's per-request counters can be read (see STATS_SETTLE_MS).
  const pagePath = (readingId: string) => `/readings/${readingId}?course=${COURSE_ID}`;
  const coursePath = pagePath(main.readingId);
  const plainPath = `/readings/${main.readingId}`;
  const post = createPoster(`${origin}/api/readings/${main.readingId}/annotations`, { Cookie: cookie }, main, APP_LABEL);
  await phase("warm-up", async () => {
    for (const server of servers) {
      await warmPage(server.origin, coursePath, cookie);
      await warmPage(server.origin, plainPath, null);
    }
    await warmCreates(post);
  });
  await phase("statistics pauses", () => sleep(STATS_SETTLE_MS));
  let counters = await readDbCounters(databaseUrl);
  const measured = async <T>(
    name: string,
    requestsOf: (result: T) => number,
    run: () => Promise<T>,
  ): Promise<{ result: T; db: DbWork; cpu: CpuUse | null }> => {
    const cpuBefore = cpuSnapshot([first!.pid]);
    const result = await phase(name, run);
    const cpu = cpuUse(cpuBefore, cpuSnapshot([first!.pid]));
    await phase("statistics pauses", () => sleep(STATS_SETTLE_MS));
    const next = await readDbCounters(databaseUrl);
    const db = dbWorkPerRequest(counters, next, requestsOf(result));
    counters = next;
    return { result, db, cpu };
  };

  /** Creates at 50 writers on the first instance, then the bare insert server with the same load. */
  async function runCreates() {
    log(`Creating annotations with ${WRITERS} concurrent writers for ${WRITE_DURATION_MS / 1000} s…`);
    first!.errorLines = 0;
    const createRun = await measured(
      "creates",
      (result) => result.requests,
      () => benchCreates(post),
    );
    const creates = createRun.result;
    const serverErrorLinesDuringCreates = first!.errorLines;
    creates.rowsVerified = await countCreatedRows(databaseUrl, APP_LABEL);
    log(`Creates: ${creates.createdPerSecond}/s, p99 ${creates.latencyMs.p99} ms, ${creates.errors} errors.`);

    const bare = await phase("bare insert server", async () => {
      const server = await startBareInsertServer({ databaseUrl, port: await findFreePort(), readingId: main.readingId });
      try {
        const barePost = createPoster(`${server.origin}/insert`, {}, main, BARE_LABEL);
        await warmCreates(barePost);
        log(`The bare insert server, ${WRITERS} concurrent writers for ${WRITE_DURATION_MS / 1000} s…`);
        const result = await benchCreates(barePost);
        result.rowsVerified = await countCreatedRows(databaseUrl, BARE_LABEL);
        return result;
      } finally {
        await server.stop();
      }
    });
    log(`Bare insert server: ${bare.createdPerSecond}/s, p99 ${bare.latencyMs.p99} ms.`);
    // Context, not a budget: the same writers reading their notifications (the session and one
    // small query through the framework), what any signed-in API request costs on this instance.
    const floor = await phase("framework floor", () =>
      benchCreates(createGetter(`${origin}/api/notifications`, { Cookie: cookie }), { okStatus: "200", durationMs: FLOOR_DURATION_MS }),
    );
    log(`Signed-in API reads (the framework's floor): ${floor.createdPerSecond}/s, p99 ${floor.latencyMs.p99} ms.`);
    return { creates, bare, floor, createRun, serverErrorLinesDuringCreates };
  }

  log(`Timing ${coursePath} (signed in) and ${plainPath} (signed out)…`);
  const signedIn = await measured(
    "page signed in",
    (page: PageResult) => page.totalMs.count,
    () => samplePage(origin, coursePath, cookie),
  );
  const signedOut = await measured(
    "page signed out",
    (page: PageResult) => page.totalMs.count,
    () => samplePage(origin, plainPath, null),
  );
  log(`Signed in p50 ${signedIn.result.totalMs.p50} ms, signed out p50 ${signedOut.result.totalMs.p50} ms.`);
  // Target 1's ratio: the two pages in turn (their database work is read from the windows above).
  const alternating = await phase("pages alternating", () =>
    samplePagesAlternating(origin, { path: coursePath, cookie }, { path: plainPath, cookie: null }),
  );
  log(`Alternating, ${alternating.pairs} of each: signed in p50 ${alternating.first.p50} ms, signed out p50 ${alternating.second.p50} ms.`);
  await phase("statistics pauses", () => sleep(STATS_SETTLE_MS));
  counters = await readDbCounters(databaseUrl);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, "reading-signed-in.html"), signedIn.result.html);
  writeFileSync(path.join(resultsDir, "reading-signed-out.html"), signedOut.result.html);
  if (BENCH_ONLY === "pages") return reportPagesOnly(signedIn, signedOut, alternating);
  if (BENCH_ONLY === "creates") {
    const { creates, bare, floor, createRun } = await runCreates();
    return reportCreatesOnly(creates, bare, floor, createRun);
  }
  if (BENCH_ONLY === "arrival") {
    const classArrival = await phase("class arrival", () =>
      benchClassArrival({ origins, cookies: studentCookies, instructorCookie, reading: main, databaseUrl }),
    );
    const arrivalBudgets = evaluateArrivalBudgets(classArrival);
    console.log("\nA class arriving (BENCH_ONLY=arrival)");
    console.table({ page: classArrival.pageMs, delivery: classArrival.deliveryMs });
    console.table(arrivalBudgets.map(({ what, measured, budget, ok }) => ({ what, measured, budget, result: ok ? "pass" : "FAIL" })));
    return arrivalBudgets.some((budget) => budget.ok === false) ? 1 : 0;
  }

  const javascript = await phase("javascript", async () => {
    const signedInScripts = await measureScripts(origin, signedIn.result.anatomy.scriptUrls);
    const signedOutScripts = await measureScripts(origin, signedOut.result.anatomy.scriptUrls);
    const initialUrls = [...new Set([...signedIn.result.anatomy.scriptUrls, ...signedOut.result.anatomy.scriptUrls])];
    const editorChunks = findEditorChunks(build.appDir, initialUrls, signedIn.result.html + signedOut.result.html);
    const noModuleUrls = [...new Set([...signedIn.result.anatomy.noModuleScriptUrls, ...signedOut.result.anatomy.noModuleScriptUrls])];
    return {
      signedIn: signedInScripts,
      signedOut: signedOutScripts,
      noModule: await measureScripts(origin, noModuleUrls),
      editorChunks,
      editorLoadedUpFront: editorChunks.some((chunk) => chunk.inInitialScripts || chunk.mentionedInHtml),
    };
  });

  const growth: GrowthPoint[] = await phase("growth", async () => {
    const points: GrowthPoint[] = [];
    for (const roots of [...growthReadings.keys()].sort((a, b) => a - b)) {
      const reading = growthReadings.get(roots)!;
      if (reading === main) {
        points.push({ roots, page: stripHtml(signedIn.result) });
        continue;
      }
      log(`Growth: the signed-in page with ${roots} roots…`);
      await warmPage(origin, pagePath(reading.readingId), cookie);
      points.push({ roots, page: stripHtml(await samplePage(origin, pagePath(reading.readingId), cookie, GROWTH_SAMPLES)) });
    }
    return points;
  });
  log(`Growth: ${growth.map((point) => `${point.roots} → p50 ${point.page.totalMs.p50} ms`).join(", ")}.`);

  log("Long readings: importing freeculture.pdf (352 pages), then timing one of its sections signed in…");
  const longReading = await phase("long reading", () => benchLongReading({ databaseUrl, origin, cookie, statementPath: coursePath }));
  log(
    `Book import ${longReading.importSeconds} s; section “${longReading.section.title}” p50 ${longReading.againstStatement.first.p50} ms against the statement's ${longReading.againstStatement.second.p50} ms, in turn.`,
  );

  // 5. Creates
  const { creates, bare, floor, createRun, serverErrorLinesDuringCreates } = await runCreates();
  const pgbench = await phase("pgbench", () => runPgbench(databaseUrl, resources.tempDir!));
  log(`pgbench: ${pgbench.tps} tps.`);

  // 6. Live delivery alone, a long thread
  log("Live delivery alone: 100 subscribers over two instances…");
  const live = await phase("live delivery", () => benchLiveDelivery(origins, cookie, main, databaseUrl));
  log(`Live delivery p50 ${live.latencyMs.p50} ms, p95 ${live.latencyMs.p95} ms, ${live.missing} missing.`);
  const thread = await phase("thread with 200 replies", () => benchThread(origin, cookie, main));
  log(`Thread with ${thread.replies} replies: p50 ${thread.responseMs.p50} ms.`);

  // 7. A class arriving
  log(`A class of ${studentCookies.length} arriving over both instances…`);
  const classArrival = await phase("class arrival", () =>
    benchClassArrival({ origins, cookies: studentCookies, instructorCookie, reading: main, databaseUrl }),
  );
  log(
    `Class arrival: page p95 ${classArrival.pageMs.p95} ms; the next post on ${classArrival.delivered} streams, p95 ${classArrival.deliveryMs.p95} ms.`,
  );

  // 8. Mixed load
  log(
    `Mixed load for ${MIXED_SECONDS} s: ${MIXED_READERS} readers, ${MIXED_WRITERS} writers, ${MIXED_SUBSCRIBERS} live subscribers over two instances…`,
  );
  for (const server of servers) server.errorLines = 0;
  const mixedRandom = makeRandom(17);
  const mixed = await phase("mixed load", async () =>
    runMixedLoad({
      origins,
      cookie,
      readingId: main.readingId,
      courseId: COURSE_ID,
      ranges: Array.from({ length: 200 }, () => randomRange(mixedRandom, main)).map(({ start, end }) => ({ start, end })),
      paragraphCount: main.paragraphs.length,
      databaseUrl,
      after: await liveCursor(origin, cookie, main.readingId, databaseUrl),
      seconds: MIXED_SECONDS,
      readers: MIXED_READERS,
      writers: MIXED_WRITERS,
      subscribers: MIXED_SUBSCRIBERS,
      poolSizePerInstance: APP_POOL_SIZE,
      liveConnectionsPerInstance: LIVE_CONNECTIONS_PER_INSTANCE,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    }),
  );
  const serverErrorLinesDuringMixed = servers.reduce((sum, server) => sum + server.errorLines, 0);
  log(`Mixed load: ${mixed.totalErrors} errors, max ${mixed.connections.max.total} database connections.`);

  const pages = { signedIn: stripHtml(signedIn.result), signedOut: stripHtml(signedOut.result) };
  const budgets = evaluateBudgets({
    signedIn: pages.signedIn,
    alternating,
    mixed,
    liveAlone: live,
    creates,
    bareCreates: bare,
    classArrival,
    javascript,
    growth,
  });
  budgets.push(...longReadingBudgets(longReading));
  const checks: Check[] = [
    {
      name: "the signed-in page renders the seeded annotations",
      ok: pages.signedIn.anatomy.seededBodies > 0 && pages.signedIn.anatomy.markCount > 0,
      detail: `${pages.signedIn.anatomy.seededBodies} seeded bodies and ${pages.signedIn.anatomy.markCount} marks in the page`,
    },
    {
      name: "every 201 is a row in the database",
      ok: creates.rowsVerified === creates.created && bare.rowsVerified === bare.created,
      detail: `${creates.rowsVerified} rows for ${creates.created} created (Scholia), ${bare.rowsVerified} for ${bare.created} (bare server)`,
    },
    {
      name: "mixed load: database connections within the instances' pools and live channels",
      ok: mixed.connections.max.pool + mixed.connections.max.live <= mixed.connections.ceiling,
      detail: `max ${mixed.connections.max.pool} pool + ${mixed.connections.max.live} live channel, ceiling ${mixed.connections.ceiling}, max_connections ${mixed.connections.maxConnections}`,
    },
    {
      name: "the servers logged no errors during the mixed load",
      ok: serverErrorLinesDuringMixed === 0,
      detail: `${serverErrorLinesDuringMixed} server log lines mentioning errors`,
      isWarningOnly: true,
    },
    {
      name: "nothing else kept the machine busy during the measured windows",
      ok: [signedIn.cpu, signedOut.cpu, createRun.cpu].every((cpu) => cpu === null || cpu.otherCores < 0.25),
      detail: `other processes used ${[signedIn.cpu, signedOut.cpu, createRun.cpu].map((cpu) => cpu?.otherCores ?? "?").join(" / ")} cores (pages in / pages out / creates); load average at the end ${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}`,
      isWarningOnly: true,
    },
  ];

  const report: Report = {
    startedAt: startedAt.toISOString(),
    totalSeconds: round(elapsedSeconds(), 1),
    source,
    machine: {
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "?",
      totalMemoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      note: "Client, Next.js servers and PostgreSQL share this machine.",
    },
    database: {
      mode,
      name: resources.database ?? "?",
      serverVersion: serverInfo.version,
      settings: serverInfo.settings,
      appPoolSize: APP_POOL_SIZE,
    },
    build: `${build.outcome} (${build.buildId})`,
    phasesSeconds: phases,
    data: {
      roots: ROOT_COUNT,
      replies: main.replies,
      extraStudents: students.length,
      annotationsByKind: main.counts,
      paragraphs: main.paragraphs.length,
      canonicalTextLength: main.canonicalText.length,
      bulkInsertSeconds: round(main.seconds, 2),
    },
    pages,
    growth,
    longReading,
    javascript,
    creates,
    bareCreates: bare,
    signedInReads: floor,
    httpCreatesPerBareInsert: round(bare.createdPerSecond > 0 ? creates.createdPerSecond / bare.createdPerSecond : NaN, 4),
    serverErrorLogLinesDuringCreates: serverErrorLinesDuringCreates,
    perRequest: {
      pageSignedIn: { db: signedIn.db, cpu: signedIn.cpu },
      pageSignedOut: { db: signedOut.db, cpu: signedOut.cpu },
      create: { db: createRun.db, cpu: createRun.cpu },
    },
    pgbench,
    httpCreatesPerPgbenchInsert: round(pgbench.tps > 0 ? creates.createdPerSecond / pgbench.tps : NaN, 4),
    live,
    thread,
    classArrival,
    mixed,
    budgets,
    checks,
  };
  printReport(report);
  writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  log(`Wrote ${path.relative(projectRoot, path.join(resultsDir, "latest.json"))}.`);
  const failed = budgets.some((budget) => budget.ok === false) || checks.some((check) => !check.ok && !check.isWarningOnly);
  return failed ? 1 : 0;
}

/** BENCH_ONLY=pages: the page budget and the work per request, printed and written to bench-results/pages.json. */
function reportPagesOnly(
  signedIn: { result: PageResult; db: DbWork; cpu: CpuUse | null },
  signedOut: { result: PageResult; db: DbWork; cpu: CpuUse | null },
  alternating: AlternatingPages,
): number {
  const pageBudgets = evaluatePageBudgets(stripHtml(signedIn.result), alternating);
  const rows = {
    "p50 signed in (ms)": signedIn.result.totalMs.p50,
    "p50 signed out (ms)": signedOut.result.totalMs.p50,
    "p50 signed in / out, alternating (ms)": `${alternating.first.p50} / ${alternating.second.p50}`,
    "transactions per request, signed in": signedIn.db.transactions,
    "transactions per request, signed out": signedOut.db.transactions,
    "rows returned per request, signed in": signedIn.db.rowsReturned,
    "rows returned per request, signed out": signedOut.db.rowsReturned,
    "other processes' cores (in / out)": `${signedIn.cpu?.otherCores ?? "?"} / ${signedOut.cpu?.otherCores ?? "?"}`,
  };
  console.log("\nThe reading page alone (BENCH_ONLY=pages)");
  console.table(rows);
  console.table(pageBudgets.map(({ what, measured, budget, ok }) => ({ what, measured, budget, result: ok ? "pass" : "FAIL" })));
  writeFileSync(
    path.join(resultsDir, "pages.json"),
    `${JSON.stringify({ rows, budgets: pageBudgets, perRequest: { signedIn: signedIn.db, signedOut: signedOut.db } }, null, 2)}\n`,
  );
  return pageBudgets.some((budget) => budget.ok === false) ? 1 : 0;
}

/** BENCH_ONLY=creates: the creates' budgets and their work per request, printed and written to bench-results/creates.json. */
function reportCreatesOnly(
  creates: CreateResult,
  bare: CreateResult,
  floor: CreateResult,
  createRun: { db: DbWork; cpu: CpuUse | null },
): number {
  const createBudgets = evaluateCreateBudgets(creates, bare);
  const rows = {
    "created per second (Scholia / bare)": `${creates.createdPerSecond} / ${bare.createdPerSecond}`,
    "p50 / p95 / p99 ms (Scholia)": `${creates.latencyMs.p50} / ${creates.latencyMs.p95} / ${creates.latencyMs.p99}`,
    "signed-in API reads per second (the framework's floor), p99 ms": `${floor.createdPerSecond}, ${floor.latencyMs.p99}`,
    "transactions per create": createRun.db.transactions,
    "rows returned per create": createRun.db.rowsReturned,
    "server / postgres / other cores": `${createRun.cpu?.serverCores ?? "?"} / ${createRun.cpu?.postgresCores ?? "?"} / ${createRun.cpu?.otherCores ?? "?"}`,
  };
  console.log("\nCreates (BENCH_ONLY=creates)");
  console.table(rows);
  console.table(createBudgets.map(({ what, measured, budget, ok }) => ({ what, measured, budget, result: ok ? "pass" : "FAIL" })));
  writeFileSync(
    path.join(resultsDir, "creates.json"),
    `${JSON.stringify({ rows, budgets: createBudgets, perRequest: createRun }, null, 2)}\n`,
  );
  return createBudgets.some((budget) => budget.ok === false) ? 1 : 0;
}

function stripHtml({ html: _html, ...rest }: PageResult): Omit<PageResult, "html"> {
  return rest;
}

/** Which code was measured: the commit, and how many files differed from it when the build was taken. */
function describeSource(): { commit: string; uncommittedFiles: number } {
  const git = (args: string[]) => spawnSync("git", args, { cwd: projectRoot, encoding: "utf8", timeout: 10_000 });
  const commit = git(["rev-parse", "--short", "HEAD"]).stdout?.trim() || "unknown";
  const status = git(["status", "--porcelain"]).stdout ?? "";
  return { commit, uncommittedFiles: status.split("\n").filter((line) => line.trim() !== "").length };
}

cleanUpOnSignals();
let exitCode = 1;
try {
  exitCode = await main();
  if (exitCode !== 0) console.error("\nThe bench FAILED: a budget was missed or a check failed (see the tables above).");
} catch (error) {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  for (const server of servers)
    if (server.log.length > 0) console.error(`\nLast output of ${server.name}:\n${server.log.slice(-20).join("\n")}`);
} finally {
  await cleanup();
}
log(`Done in ${elapsedSeconds().toFixed(1)} s.`);
process.exit(exitCode);
