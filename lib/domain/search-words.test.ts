import { describe, expect, it } from "vitest";
import { MAX_SEARCH_TERMS, normaliseSearchWords } from "./search-words.ts";

describe("normaliseSearchWords", () => {
  it("[MALFORMED] drops tokens with no letter or digit (lone dashes that overflowed PostgreSQL's tsquery stack)", () => {
    expect(normaliseSearchWords(Array(40).fill("-").join(" "))).toBe("");
    expect(normaliseSearchWords("-".repeat(40))).toBe("");
    expect(normaliseSearchWords("peace - - - security !!! && ()")).toBe("peace security");
  });

  it("[SEARCH] keeps what websearch syntax means: words, -word, or, quoted phrases", () => {
    expect(normaliseSearchWords('"information security" or cooperation -war')).toBe('"information security" or cooperation -war');
    expect(normaliseSearchWords("---war")).toBe("-war");
    expect(normaliseSearchWords("  état   sécurité ")).toBe("état sécurité");
    expect(normaliseSearchWords('" a b "')).toBe('" a b "');
  });

  it(`[COST] keeps at most ${MAX_SEARCH_TERMS} terms`, () => {
    const many = Array.from({ length: 100 }, (_, index) => `-w${index}`).join(" ");
    expect(normaliseSearchWords(many).split(" ")).toHaveLength(MAX_SEARCH_TERMS);
  });
});
