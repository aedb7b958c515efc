// Numbers: percentiles, rounding, a seeded random source, sizes. Shared by every phase.

export type Summary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mean = sorted.length === 0 ? NaN : sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(at(1)), mean: round(mean) };
}

/** Deterministic PRNG (mulberry32) so every run seeds the same data. */
export function makeRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1)); // inclusive
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)]!;
  };
  return { next, int, pick };
}
export type Random = ReturnType<typeof makeRandom>;

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
/** Budgets are stated in KB: 1,000 bytes. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${ms / 1000} s: ${what}.`)), ms);
    }),
  ]);
}

const benchStarted = performance.now();
export const elapsedSeconds = () => (performance.now() - benchStarted) / 1000;
export const log = (message: string) => console.log(`[bench ${elapsedSeconds().toFixed(1).padStart(5)}s] ${message}`);

export function tiptapDoc(text: string) {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
