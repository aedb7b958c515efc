import { describe, expect, it } from "vitest";

describe("the browser's zod settings (instrumentation-client.ts)", () => {
  it("[CLIENT] zod runs jitless after the client instrumentation, which does not import zod", async () => {
    const { readFileSync } = await import("node:fs");
    const source = readFileSync(new URL("../../instrumentation-client.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/from\s+["']zod/);
    await import("../../instrumentation-client.ts");
    const { config } = await import("zod");
    expect(config().jitless).toBe(true);
  });
});
