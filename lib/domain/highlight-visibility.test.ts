import { describe, expect, it } from "vitest";
import { DEFAULT_HIGHLIGHT_VISIBILITY, highlightVisibilityIn, highlightVisibilityOptions } from "./highlight-visibility.ts";

describe("highlight visibility", () => {
  it("[VISIBILITY] a new highlight is Only me until the reader chooses otherwise", () => {
    expect(DEFAULT_HIGHLIGHT_VISIBILITY).toBe("PRIVATE");
    expect(highlightVisibilityIn(null, ["PRIVATE", "GROUP", "COURSE"])).toBe("PRIVATE");
  });

  it("[VISIBILITY] the remembered choice applies where the context allows it, else Only me", () => {
    expect(highlightVisibilityIn("COURSE", ["PRIVATE", "GROUP", "COURSE"])).toBe("COURSE");
    expect(highlightVisibilityIn("GROUP", ["PRIVATE", "COURSE"])).toBe("PRIVATE");
    expect(highlightVisibilityIn("COURSE", ["PRIVATE"])).toBe("PRIVATE");
  });

  it("[VISIBILITY] staff highlight for the course or for themselves; students in a group also for their group", () => {
    expect(highlightVisibilityOptions(["PRIVATE", "GROUP", "COURSE"], true)).toEqual(["PRIVATE", "COURSE"]);
    expect(highlightVisibilityOptions(["PRIVATE", "GROUP", "COURSE"], false)).toEqual(["PRIVATE", "GROUP", "COURSE"]);
    expect(highlightVisibilityOptions(["PRIVATE"], false)).toEqual(["PRIVATE"]);
  });
});
