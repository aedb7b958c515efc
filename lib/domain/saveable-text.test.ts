import { describe, expect, it } from "vitest";
import { isSaveableText, requiredTextSchema, UNSAVEABLE_TEXT_MESSAGE } from "./saveable-text.ts";

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

describe("requiredTextSchema", () => {
  const schema = requiredTextSchema({ missing: "Enter a name.", empty: "Enter a name, not spaces.", max: 5 });
  const messageOf = (value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

  it("[INPUT] trims a saveable text within the limit", () => {
    expect(schema.parse("  Ann ")).toBe("Ann");
  });

  it("[INPUT] names what is wrong: absent, only spaces, too long, a null character", () => {
    expect(messageOf(undefined)).toBe("Enter a name.");
    expect(messageOf("   ")).toBe("Enter a name, not spaces.");
    expect(messageOf("abcdef")).toBe("Use at most 5 characters.");
    expect(messageOf("a\u0000b")).toBe(UNSAVEABLE_TEXT_MESSAGE);
  });
});
