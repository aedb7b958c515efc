// Page timing: sequential requests of one page, request start to last byte (and to headers).
import { gzipSync } from "node:zlib";
import { PAGE_ACCEPT, PAGE_PAIRS, PAGE_SAMPLES, PAGE_SERIES_BUDGET_MS, PAGE_WARMUP, REQUEST_TIMEOUT_MS } from "./config.ts";
import { inspectPage, type PageAnatomy } from "./html.ts";
import { summarise, type Summary } from "./stats.ts";

export type PageResult = {
  path: string;
  signedIn: boolean;
  status: number;
  htmlGzipBytes: number;
  warmup: number;
  /** Request start to last body byte. */
  totalMs: Summary;
  /** Request start to response headers. */
  ttfbMs: Summary;
  stoppedEarly: boolean;
  anatomy: PageAnatomy;
  html: string;
};

export function pageFetcher(origin: string, pagePath: string, cookie: string | null) {
  const headers: Record<string, string> = cookie ? { Accept: PAGE_ACCEPT, Cookie: cookie } : { Accept: PAGE_ACCEPT };
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

export async function warmPage(origin: string, pagePath: string, cookie: string | null, requests = PAGE_WARMUP): Promise<void> {
  const once = pageFetcher(origin, pagePath, cookie);
  for (let index = 0; index < requests; index += 1) await once();
}

export async function samplePage(origin: string, pagePath: string, cookie: string | null, samples = PAGE_SAMPLES): Promise<PageResult> {
  const once = pageFetcher(origin, pagePath, cookie);
  const totals: number[] = [];
  const ttfbs: number[] = [];
  const seriesStarted = performance.now();
  let stoppedEarly = false;
  let last: Awaited<ReturnType<typeof once>> | undefined;
  for (let index = 0; index < samples; index += 1) {
    if (performance.now() - seriesStarted > PAGE_SERIES_BUDGET_MS) {
      stoppedEarly = true;
      break;
    }
    last = await once();
    totals.push(last.total);
    ttfbs.push(last.ttfb);
  }
  if (!last) throw new Error(`No sample of ${pagePath} within the time budget.`);
  return {
    path: pagePath,
    signedIn: cookie !== null,
    status: last.status,
    htmlGzipBytes: gzipSync(last.html).length,
    warmup: PAGE_WARMUP,
    totalMs: summarise(totals),
    ttfbMs: summarise(ttfbs),
    stoppedEarly,
    anatomy: inspectPage(last.html),
    html: last.html,
  };
}

/** Two pages' times from requests that alternate between them, for a ratio the machine's drift cannot tilt. */
export type AlternatingPages = { pairs: number; first: Summary; second: Summary };

/**
 * The two pages requested in turn (first, second, second, first, …), `pairs` times each: whatever slows
 * the machine for a while (another tenant, a GC-heavy stretch) falls on both series alike, unlike
 * two series one after the other.
 */
export async function samplePagesAlternating(
  origin: string,
  first: { path: string; cookie: string | null },
  second: { path: string; cookie: string | null },
  pairs = PAGE_PAIRS,
): Promise<AlternatingPages> {
  const fetchFirst = pageFetcher(origin, first.path, first.cookie);
  const fetchSecond = pageFetcher(origin, second.path, second.cookie);
  const firstTotals: number[] = [];
  const secondTotals: number[] = [];
  const started = performance.now();
  for (let index = 0; index < pairs && performance.now() - started < PAGE_SERIES_BUDGET_MS; index += 1) {
    // A B, then B A: what one request leaves behind (garbage to collect) falls on each page alike.
    if (index % 2 === 0) {
      firstTotals.push((await fetchFirst()).total);
      secondTotals.push((await fetchSecond()).total);
    } else {
      secondTotals.push((await fetchSecond()).total);
      firstTotals.push((await fetchFirst()).total);
    }
  }
  if (firstTotals.length === 0) throw new Error("No alternating page pair within the time budget.");
  return { pairs: firstTotals.length, first: summarise(firstTotals), second: summarise(secondTotals) };
}
