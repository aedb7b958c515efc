import { describe, expect, it } from "vitest";
import { isSaveableText } from "./saveable-text.ts";

describe("isSaveableText", () => {
  it("[INPUT] refuses a null character anywhere, as PostgreSQL would", () => {
    expect(isSaveableText("\u0000")).toBe(false);
    expect(isSaveableText("a title \u0000 with a NUL")).toBe(false);
  });

  it("[INPUT] accepts other text, control characters and astral symbols included", () => {
    expect(isSaveableText("")).toBe(true);
    expect(isSaveableText("Tab\tand newline\n, emoji 😀, RTL \u202E")).toBe(true);
  });
});
