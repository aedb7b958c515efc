import { describe, expect, it } from "vitest";
import { addDays, describeLocalDate, digestDueAt, dueDigestDates, localDateOf, localDayWindow, localTimeOf } from "./digest-schedule.ts";
import { digestMail, groupDigestItems, type DigestItem } from "./digest-mail.ts";
import { renderMail } from "./mail-markup.ts";

const NEW_YORK = "America/New_York";
const PARIS = "Europe/Paris";
const hours = (window: { start: Date; end: Date }) => (window.end.getTime() - window.start.getTime()) / 3_600_000;

describe("digest days in the recipient's zone", () => {
  it("[DST] the day clocks spring forward is 23 hours long, the day they fall back 25", () => {
    const spring = localDayWindow("2027-03-14", NEW_YORK);
    expect(spring.start.toISOString()).toBe("2027-03-14T05:00:00.000Z");
    expect(spring.end.toISOString()).toBe("2027-03-15T04:00:00.000Z");
    expect(hours(spring)).toBe(23);
    const autumn = localDayWindow("2027-11-07", NEW_YORK);
    expect(hours(autumn)).toBe(25);
    expect(hours(localDayWindow("2027-03-28", PARIS))).toBe(23);
    expect(hours(localDayWindow("2027-10-31", PARIS))).toBe(25);
    expect(hours(localDayWindow("2027-06-01", PARIS))).toBe(24);
  });

  it("[DST] an event at 23:30 local time belongs to that day, one at 00:30 to the next, on either side of a change", () => {
    // 23:30 EDT on Sunday 14 March (the first evening of summer time) and 00:30 EDT on the 15th.
    expect(localDateOf(new Date("2027-03-15T03:30:00Z"), NEW_YORK)).toBe("2027-03-14");
    expect(localDateOf(new Date("2027-03-15T04:30:00Z"), NEW_YORK)).toBe("2027-03-15");
    // 23:30 EST on Saturday 13 March (the last evening of winter time).
    expect(localDateOf(new Date("2027-03-14T04:30:00Z"), NEW_YORK)).toBe("2027-03-13");
    // 01:30 happens twice on 7 November: both are that day.
    expect(localDateOf(new Date("2027-11-07T05:30:00Z"), NEW_YORK)).toBe("2027-11-07");
    expect(localDateOf(new Date("2027-11-07T06:30:00Z"), NEW_YORK)).toBe("2027-11-07");
    const window = localDayWindow("2027-03-14", NEW_YORK);
    for (const [instant, inside] of [
      ["2027-03-14T04:59:59Z", false],
      ["2027-03-14T05:00:00Z", true],
      ["2027-03-15T03:59:59Z", true],
      ["2027-03-15T04:00:00Z", false],
    ] as const) {
      const time = new Date(instant).getTime();
      expect(time >= window.start.getTime() && time < window.end.getTime()).toBe(inside);
    }
  });

  it("[DST] a digest is due at 7:00 local time the next morning, whatever the offset that morning", () => {
    expect(digestDueAt("2027-03-12", NEW_YORK).toISOString()).toBe("2027-03-13T12:00:00.000Z"); // 7:00 EST
    expect(digestDueAt("2027-03-13", NEW_YORK).toISOString()).toBe("2027-03-14T11:00:00.000Z"); // 7:00 EDT, hours after the change
    expect(digestDueAt("2027-10-30", PARIS).toISOString()).toBe("2027-10-31T06:00:00.000Z"); // 7:00 CET
    expect(digestDueAt("2027-10-29", PARIS).toISOString()).toBe("2027-10-30T05:00:00.000Z"); // 7:00 CEST
  });

  it("[DIGEST] which digests are due: yesterday's from 7:00, and any due in the last 48 hours (sent once: a missed one catches up)", () => {
    expect(dueDigestDates(new Date("2027-03-15T10:59:00Z"), NEW_YORK)).toEqual(["2027-03-12", "2027-03-13"]);
    expect(dueDigestDates(new Date("2027-03-15T11:00:00Z"), NEW_YORK)).toEqual(["2027-03-12", "2027-03-13", "2027-03-14"]);
    expect(dueDigestDates(new Date("2027-03-17T12:00:00Z"), NEW_YORK)).toEqual(["2027-03-15", "2027-03-16"]);
    expect(dueDigestDates(new Date("2027-06-02T05:00:00Z"), "UTC")).toEqual(["2027-05-30", "2027-05-31"]);
  });

  it("dates and times read as the recipient would", () => {
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(describeLocalDate("2027-03-14")).toBe("Sunday 14 March 2027");
    expect(localTimeOf(new Date("2027-03-15T03:30:00Z"), NEW_YORK)).toBe("23:30");
    expect(localTimeOf(new Date("2027-03-14T04:30:00Z"), NEW_YORK)).toBe("23:30");
  });
});

const item = (overrides: Partial<DigestItem>): DigestItem => ({
  type: "REPLY",
  actorName: "Ben",
  readingTitle: "Statement",
  courseTitle: "Policy 101",
  postUrl: "https://scholia.example/readings/r1?course=c1#p-1",
  createdAt: new Date("2027-03-14T15:00:00Z"),
  excerpt: { kind: "text", text: "A reply" },
  ...overrides,
});

describe("digestMail", () => {
  it("[DIGEST] groups the day's notifications by reading and course, each group in order of time", () => {
    const groups = groupDigestItems([
      item({ actorName: "Late", createdAt: new Date("2027-03-15T03:30:00Z") }),
      item({ actorName: "Other reading", readingTitle: "Charter", createdAt: new Date("2027-03-14T14:00:00Z") }),
      item({ actorName: "Early", createdAt: new Date("2027-03-14T13:00:00Z") }),
      item({ actorName: "Other course", courseTitle: null, createdAt: new Date("2027-03-14T18:00:00Z") }),
    ]);
    expect(groups.map((group) => group.title)).toEqual(["“Statement” in Policy 101", "“Charter” in Policy 101", "“Statement”"]);
    expect(groups[0]!.items.map((entry) => entry.actorName)).toEqual(["Early", "Late"]);
  });

  it("[DIGEST] says the day and local times in the recipient's zone; locked and hidden posts show no text", () => {
    const rendered = renderMail(
      digestMail({
        date: "2027-03-14",
        timeZone: NEW_YORK,
        items: [
          item({ createdAt: new Date("2027-03-15T03:30:00Z"), excerpt: { kind: "text", text: "Late evening reply" } }),
          item({ type: "MENTION", createdAt: new Date("2027-03-14T13:05:00Z"), excerpt: { kind: "locked" } }),
          item({ type: "ENDORSED", actorName: "Prof", createdAt: new Date("2027-03-14T14:00:00Z"), excerpt: { kind: "hidden" } }),
        ],
        links: {
          settingsUrl: "https://scholia.example/settings/notifications",
          unsubscribeUrl: "https://scholia.example/unsubscribe?token=t",
        },
      }),
    );
    expect(rendered.subject).toBe("Your Scholia digest for Sunday 14 March 2027: 3 updates");
    expect(rendered.text).toContain("3 updates on Sunday 14 March 2027 (times in America/New_York).");
    // In order of local time, each entry's line, its excerpt (or why there is none) and its link.
    const entries = [
      ["- 09:05 — Ben mentioned you", "  Post first: post on that paragraph to read it."],
      ["- 10:00 — Prof endorsed your post", "  Hidden by an instructor."],
      ["- 23:30 — Ben replied to your post", "  Late evening reply"],
    ];
    const postUrl = "https://scholia.example/readings/r1?course=c1#p-1";
    expect(rendered.text).toContain(entries.map((lines) => [...lines, `  ${postUrl}`].join("\n")).join("\n"));
    expect(rendered.text).toContain("Unsubscribe from the daily digest: https://scholia.example/unsubscribe?token=t");
    expect(rendered.text.indexOf("09:05")).toBeLessThan(rendered.text.indexOf("23:30"));
  });
});
