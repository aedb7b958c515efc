import { describe, expect, it } from "vitest";
import { DEFAULT_RETURN_PATH, safeReturnPath } from "./return-path.ts";

const ORIGIN = "https://scholia.example.edu";
const check = (candidate: unknown) => safeReturnPath(candidate, ORIGIN);

describe("safeReturnPath", () => {
  it("[REDIRECT] keeps paths of this site, with their query and fragment", () => {
    expect(check("/courses")).toBe("/courses");
    expect(check("/readings/abc?course=c1#p-4")).toBe("/readings/abc?course=c1#p-4");
    expect(check("/search?q=a%20b")).toBe("/search?q=a%20b");
    expect(check("/")).toBe("/");
  });

  it("[REDIRECT] an absolute URL on this site's origin becomes its path", () => {
    expect(check("https://scholia.example.edu/courses/x?y=1")).toBe("/courses/x?y=1");
    expect(check("HTTPS://SCHOLIA.EXAMPLE.EDU/courses")).toBe("/courses");
  });

  it("[REDIRECT] normalises what it keeps, so the browser reads the same path the server checked", () => {
    expect(check("/a/../courses")).toBe("/courses");
    expect(check("/courses/é")).toBe("/courses/%C3%A9");
    expect(check("/x y")).toBe("/x%20y");
    // Percent-encoded controls stay encoded: a path segment of this site, not a host.
    expect(check("/%09/evil.example")).toBe("/%09/evil.example");
    expect(check("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  // Each of these reaches another host (or a script) in some browser or in Next's router, or
  // made the server answer 500 (a line break in the Location header).
  const BYPASSES = [
    "//evil.example",
    "///evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "/\u0000/evil.example",
    "/\u001f/evil.example",
    "/\u007f/evil.example",
    "https://evil.example/",
    "http://scholia.example.edu/courses", // another scheme is another origin
    "https://scholia.example.edu.evil.example/",
    "https://scholia.example.edu@evil.example/",
    "https://evil.example\\@scholia.example.edu/",
    "//scholia.example.edu@evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "courses",
    "?next=//evil.example",
    "#frag",
    "https:evil.example",
    "https:/evil.example",
    "/courses\nLocation: https://evil.example",
    "",
    "x".repeat(600),
    `/${"a".repeat(600)}`,
  ];

  it.each(BYPASSES.map((candidate) => [JSON.stringify(candidate), candidate]))("[REDIRECT] refuses %s", (_label, candidate) => {
    expect(check(candidate)).toBe(DEFAULT_RETURN_PATH);
  });

  it("[REDIRECT] anything that is not a string, or an unusable origin, is the fallback", () => {
    for (const value of [undefined, null, 42, ["/courses"], { href: "/courses" }]) expect(check(value)).toBe(DEFAULT_RETURN_PATH);
    expect(safeReturnPath("/courses", "not an origin")).toBe(DEFAULT_RETURN_PATH);
    expect(safeReturnPath("//evil.example", ORIGIN, "/")).toBe("/");
  });
});
