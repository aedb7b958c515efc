import { describe, expect, it } from "vitest";
import { MATCH_START as S, MATCH_STOP as E, splitMarkedSnippet, stripMatchDelimiters } from "./search-snippet";

describe("splitMarkedSnippet", () => {
  it("[SEARCH] cuts a headline into plain and matched segments in order", () => {
    expect(splitMarkedSnippet(`the ${S}security${E} of ${S}states${E}.`)).toEqual([
      { text: "the ", isMatch: false },
      { text: "security", isMatch: true },
      { text: " of ", isMatch: false },
      { text: "states", isMatch: true },
      { text: ".", isMatch: false },
    ]);
  });

  it("[SEARCH] a headline without matches is one plain segment; an empty one has none", () => {
    expect(splitMarkedSnippet("plain words")).toEqual([{ text: "plain words", isMatch: false }]);
    expect(splitMarkedSnippet("")).toEqual([]);
  });

  it("[SEARCH] adjacent matches merge and empty matches vanish", () => {
    expect(splitMarkedSnippet(`${S}infor${E}${S}mation${E} ${S}${E}x`)).toEqual([
      { text: "information", isMatch: true },
      { text: " x", isMatch: false },
    ]);
  });

  it("[SEARCH] unbalanced delimiters are dropped, never shown, and an unclosed match ends at the end", () => {
    expect(splitMarkedSnippet(`a${E}b ${S}c${S}d`)).toEqual([
      { text: "ab ", isMatch: false },
      { text: "cd", isMatch: true },
    ]);
  });

  it("[SEARCH] HTML in a snippet stays text: markup is data, never parsed", () => {
    expect(splitMarkedSnippet(`<b>${S}bold${E}</b>`)).toEqual([
      { text: "<b>", isMatch: false },
      { text: "bold", isMatch: true },
      { text: "</b>", isMatch: false },
    ]);
  });
});

describe("stripMatchDelimiters", () => {
  it("[SEARCH] user text cannot carry its own match markers", () => {
    expect(stripMatchDelimiters(`x${S}y${E}z`)).toBe("xyz");
  });
});
