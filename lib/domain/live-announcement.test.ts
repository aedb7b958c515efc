import { describe, expect, it } from "vitest";
import { describeLiveActivity } from "./live-announcement.ts";

describe("announcing others' live changes", () => {
  it("[A11Y] a burst is one sentence per kind and paragraph, counted, in the order it happened", () => {
    expect(
      describeLiveActivity([
        { kind: "post", paragraph: 4 },
        { kind: "reply", paragraph: 2 },
        { kind: "post", paragraph: 4 },
        { kind: "removed" },
        { kind: "highlight", paragraph: 4 },
      ]),
    ).toBe("2 new posts in paragraph 4. 1 new reply in paragraph 2. 1 post was removed from your view. 1 new highlight in paragraph 4.");
  });

  it("[A11Y] plurals follow the count, and nothing happened says nothing", () => {
    expect(
      describeLiveActivity([
        { kind: "reply", paragraph: 1 },
        { kind: "reply", paragraph: 1 },
      ]),
    ).toBe("2 new replies in paragraph 1.");
    expect(describeLiveActivity([{ kind: "removed" }, { kind: "removed" }])).toBe("2 posts were removed from your view.");
    expect(describeLiveActivity([])).toBe("");
  });
});
