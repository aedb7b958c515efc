// The six targets of issue #12 as budgets, judged within one run (ratios where the machine's noise
// would otherwise decide): one table of measured value, budget and pass or fail. A miss fails the
// bench.
import type { ClassArrivalResult } from "./class-arrival.ts";
import type { CreateResult } from "./creates.ts";
import type { EditorChunk, ScriptReport } from "./javascript.ts";
import type { LiveResult } from "./live.ts";
import type { MixedLoadResult } from "./mixed-load.ts";
import type { AlternatingPages, PageResult } from "./pages.ts";
import { kb, round } from "./stats.ts";

export type GrowthPoint = { roots: number; page: Omit<PageResult, "html"> };

export type BudgetInputs = {
  signedIn: Omit<PageResult, "html">;
  alternating: AlternatingPages;
  mixed: MixedLoadResult;
  liveAlone: LiveResult;
  creates: CreateResult;
  bareCreates: CreateResult;
  classArrival: ClassArrivalResult;
  javascript: { signedIn: ScriptReport; signedOut: ScriptReport; editorChunks: EditorChunk[]; editorLoadedUpFront: boolean };
  growth: GrowthPoint[];
};

export type Budget = {
  target: number;
  what: string;
  measured: string;
  budget: string;
  /** null: not measured in this run (say why in `measured`). */
  ok: boolean | null;
};

const ms = (value: number) => `${round(value)} ms`;
const times = (value: number) => `${round(value, 2)}×`;

/**
 * Target 1: the signed-in page against the signed-out one in the same run (from requests that
 * alternate between the two, so a slow stretch of the machine falls on both), and its size.
 */
export function evaluatePageBudgets(signedIn: Omit<PageResult, "html">, alternating: AlternatingPages): Budget[] {
  const { first: inMs, second: outMs } = alternating;
  const pageRatio = outMs.p50 > 0 ? inMs.p50 / outMs.p50 : NaN;
  return [
    {
      target: 1,
      what: "signed-in reading page p50 ÷ signed-out p50 (alone, requests alternating)",
      measured: `${times(pageRatio)} (${ms(inMs.p50)} ÷ ${ms(outMs.p50)}, ${alternating.pairs} of each)`,
      budget: "≤ 3×",
      ok: pageRatio <= 3,
    },
    {
      target: 1,
      what: "signed-in reading page: HTML with its inline RSC payload",
      measured: `${kb(signedIn.anatomy.htmlBytes)} (inline scripts ${kb(signedIn.anatomy.inlineScriptBytes)})`,
      budget: "≤ 350 KB",
      ok: signedIn.anatomy.htmlBytes <= 350_000,
    },
  ];
}

export function evaluateBudgets(inputs: BudgetInputs): Budget[] {
  const { signedIn, alternating, mixed, liveAlone, creates, bareCreates, classArrival, javascript, growth } = inputs;
  const budgets: Budget[] = [];
  const add = (target: number, what: string, measured: string, budget: string, ok: boolean | null) =>
    budgets.push({ target, what, measured, budget, ok });
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

  budgets.push(...evaluatePageBudgets(signedIn, alternating));

  const operations = mixed.operations;
  add(
    2,
    "mixed load: reading page p95",
    ms(operations["reading page"].latencyMs.p95),
    "≤ 1,000 ms",
    operations["reading page"].latencyMs.p95 <= 1000,
  );
  add(2, "mixed load: post p95", ms(operations.post.latencyMs.p95), "≤ 500 ms", operations.post.latencyMs.p95 <= 500);
  add(2, "mixed load: live delivery p95 (POST start → event)", ms(mixed.live.latencyMs.p95), "≤ 500 ms", mixed.live.latencyMs.p95 <= 500);
  const liveRatio = ratio(mixed.live.latencyMs.p95, liveAlone.latencyMs.p95);
  add(
    2,
    "mixed load: live delivery p95 ÷ live delivery p95 alone",
    `${times(liveRatio)} (${ms(mixed.live.latencyMs.p95)} ÷ ${ms(liveAlone.latencyMs.p95)})`,
    "≤ 3×",
    liveRatio <= 3,
  );
  add(2, "mixed load: missing live deliveries", `${mixed.live.missing} of ${mixed.live.expected}`, "0", mixed.live.missing === 0);
  add(2, "mixed load: errors (requests and broken streams)", String(mixed.totalErrors), "0", mixed.totalErrors === 0);

  budgets.push(...evaluateCreateBudgets(creates, bareCreates));

  budgets.push(...evaluateArrivalBudgets(classArrival));

  add(
    5,
    "initial JavaScript, signed out (gzip)",
    kb(javascript.signedOut.gzipBytes),
    "≤ 150 KB",
    javascript.signedOut.gzipBytes <= 150_000,
  );
  add(5, "initial JavaScript, signed in (gzip)", kb(javascript.signedIn.gzipBytes), "≤ 200 KB", javascript.signedIn.gzipBytes <= 200_000);
  add(
    5,
    "the editor is loaded only when someone writes",
    javascript.editorChunks.length === 0 ? "no editor chunk found" : javascript.editorLoadedUpFront ? "loaded up front" : "on demand",
    "on demand",
    javascript.editorChunks.length > 0 && !javascript.editorLoadedUpFront,
  );

  const at = (roots: number) => growth.find((point) => point.roots === roots);
  const small = at(5_000);
  const large = at(50_000);
  const curve = growth.map((point) => `${point.roots.toLocaleString("en")}: ${ms(point.page.totalMs.p50)}`).join(", ");
  if (small && large) {
    const growthRatio = ratio(large.page.totalMs.p50, small.page.totalMs.p50);
    add(6, "growth: signed-in page p50 at 50,000 roots ÷ at 5,000", `${times(growthRatio)} (${curve})`, "≤ 2×", growthRatio <= 2);
  } else {
    add(6, "growth: signed-in page p50 at 50,000 roots ÷ at 5,000", `not measured (BENCH_ROOTS: ${curve || "none"})`, "≤ 2×", null);
  }
  return budgets;
}

export function formatBudgets(budgets: readonly Budget[]): string[] {
  const lines = ["## Budgets (issue #12)", "", "| # | target | measured | budget | result |", "| ---: | --- | --- | --- | --- |"];
  for (const budget of budgets) {
    lines.push(
      `| ${budget.target} | ${budget.what} | ${budget.measured} | ${budget.budget} | ${budget.ok === null ? "not run" : budget.ok ? "pass" : "FAIL"} |`,
    );
  }
  const failed = budgets.filter((budget) => budget.ok === false).length;
  lines.push("", failed === 0 ? "Every budget measured in this run passed." : `${failed} budget(s) FAILED.`, "");
  return lines;
}

/** Target 3: creates at 50 writers beside the bare insert server of the same run. */
export function evaluateCreateBudgets(creates: CreateResult, bareCreates: CreateResult): Budget[] {
  const budgets: Budget[] = [];
  const add = (target: number, what: string, measured: string, budget: string, ok: boolean | null) =>
    budgets.push({ target, what, measured, budget, ok });
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  const createRatio = ratio(creates.createdPerSecond, bareCreates.createdPerSecond);
  add(
    3,
    `creates at ${creates.writers} writers ÷ the bare node:http + pg insert server`,
    `${round(createRatio * 100, 1)}% (${creates.createdPerSecond}/s ÷ ${bareCreates.createdPerSecond}/s)`,
    "≥ 10%",
    createRatio >= 0.1,
  );
  add(3, "creates: p99", ms(creates.latencyMs.p99), "≤ 500 ms", creates.latencyMs.p99 <= 500);
  add(
    3,
    "creates: errors",
    `${creates.errors} (app), ${bareCreates.errors} (bare server)`,
    "0",
    creates.errors === 0 && bareCreates.errors === 0,
  );
  return budgets;
}

/** Target 4: a class arriving, then a post reaching every student's stream. */
export function evaluateArrivalBudgets(classArrival: ClassArrivalResult): Budget[] {
  const budgets: Budget[] = [];
  const add = (target: number, what: string, measured: string, budget: string, ok: boolean | null) =>
    budgets.push({ target, what, measured, budget, ok });
  add(
    4,
    `class arrival: ${classArrival.students} students' reading page p95`,
    `${ms(classArrival.pageMs.p95)} (${classArrival.pageErrors} errors; all arrived in ${classArrival.arrivedWithinSeconds} s)`,
    "≤ 2,000 ms",
    classArrival.pageMs.p95 <= 2000 && classArrival.pageErrors === 0,
  );
  add(
    4,
    "class arrival: the next post on every student's stream, p95",
    `${ms(classArrival.deliveryMs.p95)} (${classArrival.delivered} of ${classArrival.students} streams)`,
    "≤ 1,000 ms, all streams",
    classArrival.deliveryMs.p95 <= 1000 && classArrival.missing === 0 && classArrival.streamErrors === 0,
  );
  return budgets;
}
