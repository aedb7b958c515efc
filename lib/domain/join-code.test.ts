import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, joinCodeFromBytes, normaliseJoinCode } from "./join-code";

describe("join codes", () => {
  it("[COURSES] a code is 12 unambiguous characters grouped by four", () => {
    const code = joinCodeFromBytes(new Uint8Array(Array.from({ length: 12 }, (_, index) => index * 21)));
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("[COURSES] different bytes give different codes", () => {
    const a = joinCodeFromBytes(new Uint8Array(12).fill(1));
    const b = joinCodeFromBytes(new Uint8Array(12).fill(2));
    expect(a).not.toBe(b);
  });

  it("[COURSES] refuses too few random bytes", () => {
    expect(() => joinCodeFromBytes(new Uint8Array(4))).toThrow(/12 random bytes/);
  });

  it.each([
    ["abcd-efgh-jkmn", "ABCD-EFGH-JKMN"],
    ["ABCDEFGHJKMN", "ABCD-EFGH-JKMN"],
    [" abcd efgh jkmn ", "ABCD-EFGH-JKMN"],
    ["demo-sco-2006", "DEMO-SCO2-006"],
  ])("[COURSES] %j is read as %s", (input, expected) => {
    expect(normaliseJoinCode(input)).toBe(expected);
  });

  it.each(["", "   ", "ab!c", "x".repeat(40), "<script>"])("[COURSES] %j is not a code", (input) => {
    expect(normaliseJoinCode(input)).toBeNull();
  });
});
