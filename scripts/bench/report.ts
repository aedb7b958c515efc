// The printed report (markdown on stdout) and bench-results/latest.json.
import type { ClassArrivalResult } from "./class-arrival.ts";
import type { CpuUse, DbWork } from "./counters.ts";
import type { CreateResult, PgbenchResult } from "./creates.ts";
import type { Budget, GrowthPoint } from "./budgets.ts";
import { formatBudgets } from "./budgets.ts";
import type { EditorChunk, ScriptReport } from "./javascript.ts";
import type { LiveResult, ThreadResult } from "./live.ts";
import type { LongReadingResult } from "./long-reading.ts";
import { formatMixedLoad, type MixedLoadResult } from "./mixed-load.ts";
import type { PageResult } from "./pages.ts";
import { kib } from "./stats.ts";

export type Check = { name: string; ok: boolean; detail: string; isWarningOnly?: boolean };

export type Report = {
  startedAt: string;
  totalSeconds: number;
  source: { commit: string; uncommittedFiles: number };
  machine: { platform: string; cpus: number; cpuModel: string; totalMemoryGiB: number; node: string; note: string };
  database: { mode: string; name: string; serverVersion: string; settings: Record<string, string>; appPoolSize: number };
  build: string;
  phasesSeconds: Record<string, number>;
  data: {
    roots: number;
    replies: number;
    extraStudents: number;
    annotationsByKind: Record<string, number>;
    paragraphs: number;
    canonicalTextLength: number;
    bulkInsertSeconds: number;
  };
  pages: { signedIn: Omit<PageResult, "html">; signedOut: Omit<PageResult, "html"> };
  growth: GrowthPoint[];
  /** Issue #16: the 352-page book's import and one of its sections' page. */
  longReading: LongReadingResult;
  javascript: {
    signedIn: ScriptReport;
    signedOut: ScriptReport;
    /** <script nomodule> files: fetched and run only by browsers without ES modules, so not counted above. */
    noModule: ScriptReport;
    editorChunks: EditorChunk[];
    editorLoadedUpFront: boolean;
  };
  creates: CreateResult;
  bareCreates: CreateResult;
  /** Signed-in API reads at the same concurrency: what the framework costs per request (context, no budget). */
  signedInReads: CreateResult;
  httpCreatesPerBareInsert: number;
  serverErrorLogLinesDuringCreates: number;
  perRequest: Record<"pageSignedIn" | "pageSignedOut" | "create", { db: DbWork; cpu: CpuUse | null }>;
  pgbench: PgbenchResult;
  httpCreatesPerPgbenchInsert: number;
  live: LiveResult;
  thread: ThreadResult;
  classArrival: ClassArrivalResult;
  mixed: MixedLoadResult;
  budgets: Budget[];
  checks: Check[];
};

export function printReport(report: Report): void {
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
    "annotations on the main reading by kind",
    Object.entries(report.data.annotationsByKind)
      .map(([k, v]) => `${k} ${v}`)
      .join(", "),
  );
  row("extra students", report.data.extraStudents);
  row("bulk insert (main reading)", `${report.data.bulkInsertSeconds.toFixed(2)} s`);
  row("migrate + seed", `${(report.phasesSeconds["database"] ?? 0).toFixed(1)} s`);
  lines.push("");

  lines.push("## Reading page alone (sequential, ms: request start → last byte; TTFB in brackets)", "");
  row("page", "n", "p50", "p95", "max", "TTFB p50", "HTML", "HTML gzip", "of which inline scripts", "marks");
  row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
  for (const page of [report.pages.signedIn, report.pages.signedOut]) {
    row(
      `${page.signedIn ? "signed in (ana, course)" : "signed out"}${page.stoppedEarly ? " (stopped early: time budget)" : ""}`,
      page.totalMs.count,
      page.totalMs.p50,
      page.totalMs.p95,
      page.totalMs.max,
      page.ttfbMs.p50,
      kib(page.anatomy.htmlBytes),
      kib(page.htmlGzipBytes),
      kib(page.anatomy.inlineScriptBytes),
      page.anatomy.markCount,
    );
  }
  lines.push("", "The last HTML of each series is in bench-results/reading-signed-in.html and reading-signed-out.html.", "");

  lines.push("## Growth: the signed-in page alone by the number of root annotations on the reading", "");
  row("roots", "n", "p50", "p95", "HTML", "marks");
  row("---:", "---:", "---:", "---:", "---:", "---:");
  for (const point of report.growth) {
    row(
      point.roots,
      point.page.totalMs.count,
      point.page.totalMs.p50,
      point.page.totalMs.p95,
      kib(point.page.anatomy.htmlBytes),
      point.page.anatomy.markCount,
    );
  }
  lines.push("");

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
  lines.push(
    "",
    `Not counted: ${report.javascript.noModule.count} <script nomodule> file(s), ${kib(report.javascript.noModule.gzipBytes)} gzip (polyfills that only browsers without ES modules fetch and run).`,
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

  lines.push(`## Annotation creates over HTTP (${report.creates.writers} concurrent writers, one reading and course)`, "");
  row("server", "s", "requests", "answered 201 (reads: 200)", "errors", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms");
  row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
  for (const [label, c] of [
    ["Scholia (signed in as ana)", report.creates],
    ["bare node:http + pg insert server", report.bareCreates],
    ["Scholia, signed-in GET /api/notifications (the framework's floor)", report.signedInReads],
  ] as const) {
    row(
      label,
      c.durationSeconds,
      c.requests,
      c.created,
      c.errors,
      c.createdPerSecond,
      c.latencyMs.p50,
      c.latencyMs.p95,
      c.latencyMs.p99,
      c.latencyMs.max,
    );
    if (c.errors > 0) lines.push(`  ${label} errors: ${JSON.stringify(c.errorStatuses)} ${c.sampleErrors.join(" / ")}`);
  }
  lines.push(
    "",
    `Scholia ÷ bare server: ${(report.httpCreatesPerBareInsert * 100).toFixed(1)}%. Rows verified: ${report.creates.rowsVerified} of ${report.creates.created} (Scholia), ${report.bareCreates.rowsVerified} of ${report.bareCreates.created} (bare). Server log lines mentioning errors: ${report.serverErrorLogLinesDuringCreates}.`,
    "",
  );

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
  row("clients", "threads", "seconds", "tps", "latency avg ms", "Scholia creates/s ÷ pgbench tps");
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
    `## Live delivery alone (${l.subscribers} SSE subscribers over ${l.instances} app instances, ${l.events} posts on the first; ms from POST start to event)`,
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

  const c = report.classArrival;
  lines.push(
    `## A class arriving (${c.students} students, each signed in with a session of their own, arriving over ${c.windowSeconds} s across the instances)`,
    "",
  );
  row("what", "n", "p50", "p95", "p99", "max", "errors");
  row("---", "---:", "---:", "---:", "---:", "---:", "---:");
  row("reading page", c.pageMs.count, c.pageMs.p50, c.pageMs.p95, c.pageMs.p99, c.pageMs.max, c.pageErrors);
  row(
    "the next post, POST start → each stream",
    c.deliveryMs.count,
    c.deliveryMs.p50,
    c.deliveryMs.p95,
    c.deliveryMs.p99,
    c.deliveryMs.max,
    c.missing + c.streamErrors,
  );
  lines.push(
    "",
    `Streams opened ${c.streamsOpened}; all arrived within ${c.arrivedWithinSeconds} s.${c.sampleErrors.length > 0 ? ` Errors: ${c.sampleErrors.join(" / ")}` : ""}`,
    "",
  );

  lines.push(...formatMixedLoad(report.mixed));
  lines.push(...formatBudgets(report.budgets));
  lines.push("## Checks", "");
  for (const check of report.checks)
    lines.push(`  ${check.ok ? "ok  " : check.isWarningOnly ? "WARN" : "FAIL"} ${check.name} — ${check.detail}`);
  lines.push(
    "",
    `Phases (s): ${Object.entries(report.phasesSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    "",
  );
  console.log(lines.join("\n"));
}
