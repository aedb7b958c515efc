import { describe, expect, it } from "vitest";
import { entityTagOf, protocolResponse } from "./protocol-http.ts";

const small = { id: "https://scholia.test/api/readings/r1/annotations/a1", type: "Annotation" };
const large = { ...small, bodyValue: "x".repeat(2_000) };
const options = { kind: "annotation" as const, mediaType: "ld+json" as const };

function request(method: string, headers: Record<string, string> = {}): Request {
  return new Request("https://scholia.test/api/readings/r1/annotations/a1", { method, headers });
}

describe("protocolResponse", () => {
  it("[PERF] a small representation says no-transform (sent uncompressed) on its 200, its HEAD and its 304 alike", async () => {
    const ok = protocolResponse(request("GET"), small, options);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("private, no-cache, no-transform");
    expect(await ok.json()).toEqual(small);
    const head = protocolResponse(request("HEAD"), small, options);
    expect(head.headers.get("cache-control")).toBe("private, no-cache, no-transform");
    expect(await head.text()).toBe("");
    const notModified = protocolResponse(request("GET", { "If-None-Match": entityTagOf(small) }), small, options);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("cache-control")).toBe("private, no-cache, no-transform");
    expect(notModified.headers.get("etag")).toBe(ok.headers.get("etag"));
  });

  it("[PERF] a large representation keeps its directive (compressed as before), with the same entity tag as entityTagOf", () => {
    const ok = protocolResponse(request("GET"), large, options);
    expect(ok.headers.get("cache-control")).toBe("private, no-cache");
    expect(ok.headers.get("etag")).toBe(entityTagOf(large));
  });
});
