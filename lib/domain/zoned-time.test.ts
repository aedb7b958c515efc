import { describe, expect, it } from "vitest";
import { formatAbsolute } from "./time-display.ts";
import { isValidTimeZone, parseLocalDateTime, toLocalDateTimeInput } from "./zoned-time.ts";

describe("parseLocalDateTime", () => {
  it.each([
    ["UTC", "2026-11-29T17:00", "2026-11-29T17:00:00.000Z"],
    ["Europe/Paris (winter, UTC+1)", "2026-11-29T17:00", "2026-11-29T16:00:00.000Z"],
    ["Europe/Paris (summer, UTC+2)", "2026-07-01T09:30", "2026-07-01T07:30:00.000Z"],
    ["America/New_York (winter, UTC-5)", "2026-12-31T23:59", "2027-01-01T04:59:00.000Z"],
    ["Asia/Kolkata (UTC+5:30)", "2026-03-01T00:00", "2026-02-28T18:30:00.000Z"],
    ["Pacific/Auckland (crosses the date line)", "2026-01-01T08:00", "2025-12-31T19:00:00.000Z"],
  ])("[TIME ZONES] a due date typed in %s is stored as the right UTC instant", (label, value, expected) => {
    const zone = label.split(" ")[0]!;
    expect(parseLocalDateTime(value, zone)?.toISOString()).toBe(expected);
  });

  it("[TIME ZONES] a wall time skipped by the spring-forward jump resolves after the jump", () => {
    // 2026-03-29 02:30 does not exist in Paris (clocks go from 02:00 to 03:00).
    expect(parseLocalDateTime("2026-03-29T02:30", "Europe/Paris")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("[TIME ZONES] a repeated wall time in autumn takes its first occurrence", () => {
    // 2026-10-25 02:30 happens twice in Paris: first at UTC+2.
    expect(parseLocalDateTime("2026-10-25T02:30", "Europe/Paris")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it.each(["", "tomorrow", "2026-02-30T10:00", "2026-13-01T10:00", "2026-01-01T24:00", "2026-01-01 10:00:00Z"])("rejects %j", (value) => {
    expect(parseLocalDateTime(value, "UTC")).toBeNull();
  });
});

describe("toLocalDateTimeInput and the absolute time display", () => {
  const instant = new Date("2026-11-29T16:00:00Z");
  it("[TIME ZONES] shows a stored instant in the viewer's zone", () => {
    expect(toLocalDateTimeInput(instant, "Europe/Paris")).toBe("2026-11-29T17:00");
    expect(toLocalDateTimeInput(instant, "America/Los_Angeles")).toBe("2026-11-29T08:00");
    expect(formatAbsolute(instant, { zone: "UTC", locale: "en-GB" })).toContain("16:00");
    expect(formatAbsolute(instant, { zone: "Europe/Paris", locale: "en-GB" })).toContain("17:00");
  });

  it("round-trips through the form in any zone", () => {
    for (const zone of ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Adelaide"]) {
      expect(parseLocalDateTime(toLocalDateTimeInput(instant, zone), zone)?.toISOString()).toBe(instant.toISOString());
    }
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone("x".repeat(100))).toBe(false);
  });
});
