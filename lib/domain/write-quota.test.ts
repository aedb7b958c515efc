import { describe, expect, it } from "vitest";
import { describeWait, postCapMessage, writeRateMessage, writeRatePolicy } from "./write-quota.ts";

describe("write quota wording", () => {
  it("[QUOTA] a wait is rounded up to whole seconds, then to whole minutes", () => {
    expect(describeWait(0)).toBe("1 second");
    expect(describeWait(0.2)).toBe("1 second");
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(12.1)).toBe("13 seconds");
    expect(describeWait(59)).toBe("59 seconds");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(61)).toBe("2 minutes");
  });

  it("[QUOTA] the refusals say what happened, that nothing was saved, and what to do", () => {
    expect(writeRateMessage(60, 4)).toBe(
      "You are saving faster than Scholia allows (60 changes a minute). Nothing was saved: wait 4 seconds, then try again.",
    );
    expect(postCapMessage(500, true)).toContain("500 posts on this reading in this course");
    expect(postCapMessage(500, false)).toContain("in your notes");
    expect(postCapMessage(1, false)).toContain("You already have 1 post on this reading");
  });

  it("[QUOTA] a per-minute figure is a policy over one minute", () => {
    expect(writeRatePolicy(60)).toEqual({ limit: 60, periodMs: 60_000 });
  });
});
