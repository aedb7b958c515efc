import { describe, expect, it } from "vitest";
import { describeDensityMark, formatOpenQuestionCount } from "./density-bar";

describe("describeDensityMark", () => {
  it("[DENSITY] names the paragraph, its posts and how busy it is", () => {
    expect(describeDensityMark({ position: 7, posts: 5, openQuestions: 0, level: 4 })).toBe("Paragraph 7: 5 posts (busiest)");
    expect(describeDensityMark({ position: 2, posts: 1, openQuestions: 0, level: 1 })).toBe("Paragraph 2: 1 post (quiet)");
  });

  it("[DENSITY] says a paragraph's open questions in words, not by the mark's look alone", () => {
    expect(describeDensityMark({ position: 4, posts: 3, openQuestions: 1, level: 3 })).toBe("Paragraph 4: 3 posts, 1 open question (busy)");
    expect(describeDensityMark({ position: 9, posts: 2, openQuestions: 2, level: 2 })).toBe(
      "Paragraph 9: 2 posts, 2 open questions (some discussion)",
    );
  });

  it("counts open questions in the singular and the plural", () => {
    expect(formatOpenQuestionCount(1)).toBe("1 open question");
    expect(formatOpenQuestionCount(3)).toBe("3 open questions");
  });
});
