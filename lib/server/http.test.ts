import { afterEach, describe, expect, it, vi } from "vitest";
import { apiErrorBodySchema } from "../api/api-error.ts";
import { AppError, HTTP_STATUS, type AppErrorCode } from "./app-error.ts";
import { cacheControlFor, errorResponse, jsonBodyResponse } from "./http.ts";

afterEach(() => vi.restoreAllMocks());

describe("cacheControlFor and jsonBodyResponse", () => {
  it("[PERF] an answer under 1 KB says no-transform (Next then sends it uncompressed); a larger one keeps its directive", () => {
    expect(cacheControlFor(60, "no-store")).toBe("no-store, no-transform");
    expect(cacheControlFor(1_023, "private, no-cache")).toBe("private, no-cache, no-transform");
    expect(cacheControlFor(1_024, "no-store")).toBe("no-store");
    expect(cacheControlFor(200_000, "no-store")).toBe("no-store");
  });

  it("[API] a JSON answer keeps its status, its headers and its body, and is never cached", async () => {
    const small = jsonBodyResponse({ id: "a1" }, { status: 201, headers: { Location: "/x", "cache-control": "private" } });
    expect(small.status).toBe(201);
    expect(small.headers.get("location")).toBe("/x");
    expect(small.headers.get("content-type")).toBe("application/json");
    // The caller's directive, whatever the case of its name, with no-transform added once.
    expect(small.headers.get("cache-control")).toBe("private, no-transform");
    expect(await small.json()).toEqual({ id: "a1" });
    const large = jsonBodyResponse({ text: "x".repeat(2_000) });
    expect(large.status).toBe(200);
    expect(large.headers.get("cache-control")).toBe("no-store");
    expect(((await large.json()) as { text: string }).text).toHaveLength(2_000);
  });
});

describe("errorResponse", () => {
  it.each(Object.entries(HTTP_STATUS) as [AppErrorCode, number][])(
    "[API] %s is answered with %i in the one error format",
    async (code, status) => {
      const response = errorResponse(new AppError(code, `Because ${code}.`));
      expect(response.status).toBe(status);
      expect(apiErrorBodySchema.parse(await response.json())).toEqual({ error: { code, message: `Because ${code}.` } });
      // Small enough to go uncompressed (cacheControlFor).
      expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    },
  );

  it("[API] field errors travel with a validation error", async () => {
    const response = errorResponse(new AppError("VALIDATION", "Some fields are not valid.", { fieldErrors: { title: ["Too long."] } }));
    expect(await response.json()).toEqual({
      error: { code: "VALIDATION", message: "Some fields are not valid.", fieldErrors: { title: ["Too long."] } },
    });
  });

  it("[API] a 401 names the Bearer scheme, a 429 says when to retry", () => {
    expect(errorResponse(new AppError("UNAUTHENTICATED", "Sign in first.")).headers.get("www-authenticate")).toBe('Bearer realm="Scholia"');
    expect(errorResponse(new AppError("RATE_LIMITED", "Slow down.", { retryAfterSeconds: 30 })).headers.get("retry-after")).toBe("30");
  });

  it("[API] a database that cannot be reached is a 503 with Retry-After, in the same format", async () => {
    const response = errorResponse(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(apiErrorBodySchema.parse(await response.json()).error.code).toBe("UNAVAILABLE");
  });

  it("[API] anything else is a logged 500 that reveals nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(new Error("secret internals"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("secret");
    expect(log).toHaveBeenCalledOnce();
  });
});
