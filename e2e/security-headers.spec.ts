import { expect, test, type Page } from "@playwright/test";
import { createAccount } from "./fixtures/accounts";
import { ltiPlatformOrigin } from "./fixtures/lti";

// The headers every response carries (set by proxy.ts and next.config.js), and proof in Chromium
// that the strict, nonce-based CSP costs nothing: pages hydrate, the lazily loaded editor and the
// live channel work, next-auth signs in, and no page reports a CSP violation.

const DEMO_COURSE = "demo-course";
const DEMO_JOIN_CODE = "DEMO-CODE-2006";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

/** Records CSP violations from the first script on, and CSP errors in the console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __violations: string[] }).__violations.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))];
}

test.describe("security headers and the content security policy", () => {
  test("[HEADERS] pages carry a nonce-based script policy, a fresh nonce each time, and no version banner", async ({ request }) => {
    const first = await request.get("/");
    const second = await request.get("/");
    const policy = first.headers()["content-security-policy"]!;
    const script = directives(policy).get("script-src")!;
    expect(script).toContain("'strict-dynamic'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(second.headers()["content-security-policy"]).not.toContain(nonce);
    // Every script Next renders carries this response's nonce.
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const rules = directives(policy);
    // Nobody may frame Scholia but the LMSs registered for LTI launches (e2e/lti.spec.ts registers the run's own).
    for (const ancestor of rules.get("frame-ancestors")!) expect(["'none'", ltiPlatformOrigin]).toContain(ancestor);
    expect(rules.get("object-src")).toEqual(["'none'"]);
    expect(rules.get("base-uri")).toEqual(["'self'"]);
    expect(rules.get("form-action")).toEqual(["'self'"]);
    for (const response of [first, await request.get("/api/health"), await request.get("/readings/does-not-exist")]) {
      const headers = response.headers();
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["x-powered-by"]).toBeUndefined();
      expect(headers["server"] ?? "").not.toMatch(/\d/);
    }
  });

  test("[HEADERS] a small JSON answer goes uncompressed; pages and larger answers are gzipped", async ({ request }) => {
    const gzip = { "Accept-Encoding": "gzip" };
    // Under 1 KB, gzip saves next to nothing on the wire and costs a zlib stream (lib/server/http.ts).
    const small = await request.get("/api/notifications", { headers: gzip });
    expect(small.status()).toBe(401);
    expect(small.headers()["content-encoding"]).toBeUndefined();
    expect(small.headers()["cache-control"]).toBe("no-store, no-transform");
    expect((await small.json()) as unknown).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const page = await request.get("/", { headers: gzip });
    expect(page.headers()["content-encoding"]).toBe("gzip");
    const vocabulary = await request.get("/ns/scholia", { headers: { ...gzip, Accept: "application/ld+json" } });
    expect((await vocabulary.body()).length).toBeGreaterThan(1_024);
    expect(vocabulary.headers()["content-encoding"]).toBe("gzip");
  });

  test("[CSP] sign-in, reading (editor, live channel), courses and notifications work with no violation reported", async ({ page }) => {
    test.setTimeout(90_000);
    const violations = await watchViolations(page);
    const account = await createAccount(page.request, "Csp Reader");

    // next-auth's sign-in form, through the UI.
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(`Signed in as`)).toBeAttached();
    expect(await violations(), "sign-in").toEqual([]);
    expect((await page.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);

    // The reading in the course: hydrated (the live channel says Live), the editor loads lazily.
    const html = await (await page.request.get("/")).text();
    const readingId = /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    await page.goto(`/readings/${readingId}?course=${DEMO_COURSE}`);
    await expect(page.locator(".live-status")).toHaveText("Live");
    await page.getByRole("button", { name: /^Comment on paragraph 2( \(|$)/ }).click();
    const editor = page.getByRole("textbox", { name: "Post on paragraph 2" });
    await editor.click();
    await page.keyboard.type("Posted under a strict CSP");
    await page.keyboard.press("Control+Enter");
    await expect(page.locator(".annotation-card", { hasText: "Posted under a strict CSP" })).toBeVisible();
    expect(await violations(), "reading").toEqual([]);

    for (const path of ["/courses", `/courses/${DEMO_COURSE}`, "/notifications", "/"]) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      expect(await violations(), path).toEqual([]);
    }
    // A client-side navigation (no reload) still works: the router's scripts run.
    await page.getByRole("link", { name: "My courses" }).click();
    await expect(page).toHaveURL(/\/courses$/);
    expect(await violations()).toEqual([]);
  });
});
