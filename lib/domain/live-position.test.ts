import { describe, expect, it } from "vitest";
import { compareLivePositions, formatLivePosition, isAfter, isBeyondLiveRange, parseLivePosition } from "./live-position.ts";

describe("live positions", () => {
  it("round-trip through their text form", () => {
    for (const position of [
      { txid: 0n, id: 0n },
      { txid: 751n, id: 12n },
      { txid: 2n ** 63n - 1n, id: 2n ** 63n - 1n },
    ]) {
      expect(parseLivePosition(formatLivePosition(position))).toEqual(position);
    }
  });

  it("refuse anything else, including numbers beyond PostgreSQL's bigint", () => {
    for (const text of [
      null,
      undefined,
      "",
      "12",
      "12-",
      "-12",
      "1-2-3",
      "a-1",
      "1.5-2",
      " 1-2",
      "1-2 ",
      "9223372036854775808-1",
      "1-99999999999999999999",
    ]) {
      expect(parseLivePosition(text), String(text)).toBeNull();
    }
  });

  it("order by transaction first, then by event id", () => {
    expect(compareLivePositions({ txid: 5n, id: 100n }, { txid: 6n, id: 1n })).toBeLessThan(0);
    expect(compareLivePositions({ txid: 6n, id: 2n }, { txid: 6n, id: 1n })).toBeGreaterThan(0);
    expect(compareLivePositions({ txid: 6n, id: 2n }, { txid: 6n, id: 2n })).toBe(0);
    expect(isAfter({ txid: 7n, id: 0n }, { txid: 6n, id: 9n })).toBe(true);
    expect(isAfter({ txid: 6n, id: 9n }, { txid: 6n, id: 9n })).toBe(false);
  });
});

describe("isBeyondLiveRange", () => {
  it("[LIVE] numbers and positions beyond int8 are beyond range; positions in range and other text are not", () => {
    for (const text of [
      "9223372036854775808",
      "99999999999999999999",
      "1-9223372036854775808",
      "9223372036854775808-1",
      `${"9".repeat(40)}`,
    ]) {
      expect(isBeyondLiveRange(text), text).toBe(true);
    }
    for (const text of [
      "0",
      "42",
      "9223372036854775807",
      "1-2",
      "9223372036854775807-9223372036854775807",
      "",
      "abc",
      "-1",
      "1-",
      null,
      undefined,
    ]) {
      expect(isBeyondLiveRange(text), String(text)).toBe(false);
    }
  });
});
