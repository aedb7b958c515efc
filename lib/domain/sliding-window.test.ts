import { describe, expect, it } from "vitest";
import { countInWindow, secondsUntil, windowFullUntil } from "./sliding-window.ts";

const now = new Date("2026-12-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("sliding window", () => {
  it("[LIMIT] counts only the times inside the window that ends now", () => {
    expect(countInWindow([ago(1_000), ago(59_000), ago(60_000), ago(-1_000)], now, 60_000)).toBe(2);
  });

  it("[LIMIT] a window with fewer than max times is not full", () => {
    expect(windowFullUntil([ago(1_000), ago(2_000)], 3, now, 60_000)).toBeNull();
  });

  it("[LIMIT] a full window frees up when the oldest time that counts leaves it", () => {
    expect(windowFullUntil([ago(1_000), ago(50_000), ago(10_000), ago(90_000)], 3, now, 60_000)).toBe(now.getTime() - 50_000 + 60_000);
  });

  it("[LIMIT] a retry is at least one whole second away", () => {
    expect(secondsUntil(now.getTime() + 1, now)).toBe(1);
    expect(secondsUntil(now.getTime() - 5_000, now)).toBe(1);
    expect(secondsUntil(now.getTime() + 10_001, now)).toBe(11);
  });
});
