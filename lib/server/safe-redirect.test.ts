import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-redirect.ts";

// The configured public origin is read once (lib/server/env.ts); these tests set it first.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/unused";
process.env.NEXTAUTH_URL = "https://scholia.example.edu";

describe("safeReturnPath", () => {
  it.each([
    ["/courses/abc", "/courses/abc"],
    ["/readings/r1?course=c1#p-2", "/readings/r1?course=c1#p-2"],
    ["https://scholia.example.edu/courses", "/courses"],
  ])("[REDIRECT] %j on this site is followed as %j", (candidate, expected) => {
    expect(safeReturnPath(candidate)).toBe(expected);
  });

  it.each([
    "https://evil.example/courses",
    "//evil.example/courses",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://scholia.example.edu.evil.example/",
    "/courses\u0000",
    "",
    42,
    null,
  ])("[REDIRECT] %j leads back to the default page, never off the site", (candidate) => {
    expect(safeReturnPath(candidate, "/")).toBe("/");
  });
});
