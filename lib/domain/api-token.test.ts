import { describe, expect, it } from "vitest";
import { apiTokenNameSchema, isApiTokenShape, parseBearerToken } from "./api-token.ts";

const SECRET = `sch_${"A".repeat(20)}-_${"b".repeat(21)}`;

describe("api tokens", () => {
  it("[TOKENS] a token is sch_ and 43 base64url characters", () => {
    expect(isApiTokenShape(SECRET)).toBe(true);
    expect(isApiTokenShape(SECRET.slice(0, -1))).toBe(false);
    expect(isApiTokenShape(`${SECRET}x`)).toBe(false);
    expect(isApiTokenShape(SECRET.replace("sch_", "ghp_"))).toBe(false);
    expect(isApiTokenShape(SECRET.replace("A", "+"))).toBe(false);
  });

  it("[TOKENS] the Bearer scheme is read case-insensitively; other schemes are not tokens", () => {
    expect(parseBearerToken(`Bearer ${SECRET}`)).toBe(SECRET);
    expect(parseBearerToken(`bearer   ${SECRET} `)).toBe(SECRET);
    expect(parseBearerToken("Bearer")).toBe("");
    expect(parseBearerToken(null)).toBeNull();
    expect(parseBearerToken("Basic dXNlcjpwdw==")).toBeNull();
  });

  it("[TOKENS] a token name is required, trimmed, short and without control characters", () => {
    expect(apiTokenNameSchema.parse("  Zotero sync ")).toBe("Zotero sync");
    expect(apiTokenNameSchema.safeParse("   ").success).toBe(false);
    expect(apiTokenNameSchema.safeParse("x".repeat(61)).success).toBe(false);
    expect(apiTokenNameSchema.safeParse("bad\u0007name").success).toBe(false);
  });
});
