import { describe, expect, it } from "vitest";
import { describeTime, formatAbsolute, formatRelative, pickLocale } from "./time-display";

const now = new Date("2026-12-05T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const MINUTE = 60_000;

describe("formatRelative", () => {
  it.each([
    [-20_000, "now"],
    [-3 * MINUTE, "3 min. ago"],
    [-125 * MINUTE, "2 hr. ago"],
    [-26 * 60 * MINUTE, "yesterday"],
    [-3 * 24 * 60 * MINUTE, "3 days ago"],
    [2 * 24 * 60 * MINUTE, "in 2 days"],
  ])("[TIME] %i ms from now reads %j in English", (offset, expected) => {
    expect(formatRelative(at(offset), now, { locale: "en-US" })).toBe(expected);
  });

  it("[TIME] a week or more away is not relative: the absolute time is shown", () => {
    expect(formatRelative(at(-7 * 24 * 60 * MINUTE), now, { locale: "en-GB" })).toBeNull();
    expect(formatRelative(at(30 * 24 * 60 * MINUTE), now, { locale: "en-GB" })).toBeNull();
  });

  it("[TIME] the viewer's language is used", () => {
    expect(formatRelative(at(-3 * MINUTE), now, { locale: "fr" })).toMatch(/^il y a 3\smin/);
    expect(formatRelative(at(-3 * MINUTE), now, { locale: "de" })).toBe("vor 3 Min.");
  });
});

describe("formatAbsolute", () => {
  it("[TIME] is shown in the viewer's zone, with the zone named", () => {
    const text = formatAbsolute(new Date("2026-12-05T23:30:00Z"), { zone: "Asia/Shanghai", locale: "en-GB" });
    expect(text).toContain("6 Dec 2026");
    expect(text).toContain("07:30");
    expect(text).toMatch(/GMT\+8|CST/);
  });

  it("[TIME] and in the viewer's language", () => {
    expect(formatAbsolute(new Date("2026-12-05T12:00:00Z"), { zone: "Europe/Paris", locale: "fr" })).toContain("déc.");
  });
});

describe("describeTime", () => {
  it("[TIME] carries the ISO instant, the absolute time and the relative one", () => {
    const text = describeTime(at(-5 * MINUTE), now, { zone: "UTC", locale: "en-GB" });
    expect(text.iso).toBe("2026-12-05T11:55:00.000Z");
    expect(text.relative).toBe("5 min ago");
    expect(text.absolute).toContain("11:55");
  });
});

describe("pickLocale", () => {
  it.each([
    [null, "en-GB"],
    ["", "en-GB"],
    ["fr-CH, fr;q=0.9, en;q=0.8", "fr-CH"],
    ["en;q=0.5, de;q=0.9", "de"],
    ["*", "en-GB"],
    ["not a tag!!, es", "es"],
    ["de;q=0, it", "it"],
  ])("[TIME] Accept-Language %j → %j", (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });

  it("[TIME] a huge header is read only in part", () => {
    expect(pickLocale(`${"x-aaaaaaaa;q=0.1,".repeat(10_000)}de`)).toBe("en-GB");
  });
});
