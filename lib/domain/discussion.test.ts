import { describe, expect, it } from "vitest";
import { formatPostCount, isCountedInDiscussion } from "./discussion.ts";

describe("what a paragraph's discussion counts", () => {
  it("[THREADS] comments, paragraph posts and replies count, hidden ones too; deleted posts and highlights do not", () => {
    for (const kind of ["COMMENT", "PARAGRAPH_POST", "REPLY"]) {
      expect(isCountedInDiscussion({ kind, isDeleted: false }), kind).toBe(true);
      expect(isCountedInDiscussion({ kind, isDeleted: true }), `${kind}, deleted`).toBe(false);
    }
    expect(isCountedInDiscussion({ kind: "HIGHLIGHT", isDeleted: false })).toBe(false);
  });

  it("[THREADS] one post, several posts", () => {
    expect(formatPostCount(0)).toBe("0 posts");
    expect(formatPostCount(1)).toBe("1 post");
    expect(formatPostCount(12)).toBe("12 posts");
  });
});
