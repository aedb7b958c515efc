import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";

// Sign-in's edges under attack (issue #14.3, 4, 11).

test.describe("sign-in security", () => {
  test("[REDIRECT] a callbackUrl that a browser reads as another host lands on this site after sign-in", async ({ page, baseURL }) => {
    const account = await createAccount(page.request, "Redirected");
    // The tab is dropped by the browser's URL parser: "/\t/evil.example" is "//evil.example".
    await page.goto("/sign-in?callbackUrl=/%09/evil.example");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/courses`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  });

  test("[REDIRECT] signed in, the sign-in page redirects only within the site, and line breaks are a redirect, not a 500", async ({
    page,
  }) => {
    const account = await createAccount(page.request, "Already In");
    await signInViaApi(page, account);
    for (const callbackUrl of [
      "/%09/evil.example",
      "%0A",
      "/courses%0D%0ALocation:%20https://evil.example",
      "/%5Cevil.example",
      "https://evil.example/",
    ]) {
      const response = await page.request.get(`/sign-in?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
      expect(response.status(), callbackUrl).toBe(307);
      expect(response.headers()["location"], callbackUrl).toBe("/courses");
    }
    const inside = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/search?q=x")}`, { maxRedirects: 0 });
    expect(inside.headers()["location"]).toBe("/search?q=x");
    // The sign-up page answers the same way.
    const signUp = await page.request.get("/sign-up?callbackUrl=/%09/evil.example", { maxRedirects: 0 });
    expect(signUp.headers()["location"]).toBe("/courses");
  });
});

/**
 * A request from another loopback address (the server listens on 127.0.0.1; Linux delivers the
 * whole 127/8 there), so this test's failures count against an address no other test uses.
 */
async function requestFrom(
  localAddress: string,
  baseURL: string,
  { method, path, headers = {}, body }: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers, localAddress },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function signInFrom(localAddress: string, baseURL: string, email: string, password: string, forwardedFor?: string) {
  const csrf = await requestFrom(localAddress, baseURL, { method: "GET", path: "/api/auth/csrf" });
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const cookie = (csrf.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
  return requestFrom(localAddress, baseURL, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookie,
      ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
}

test.describe("rate limits by address", () => {
  test("[ADDRESS] a rotating X-Forwarded-For does not escape the per-address sign-in limit (TRUSTED_PROXY_HOPS=0: the socket's address)", async ({
    request,
    baseURL,
  }) => {
    const attacker = "127.0.0.23";
    const failures: number[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await signInFrom(
        attacker,
        baseURL!,
        `nobody-${randomUUID()}@example.test`,
        "wrong password",
        `198.51.100.${attempt}`,
      );
      failures.push(response.status);
    }
    expect(failures.every((status) => status === 401)).toBe(true);
    // The 21st guess claims yet another address: the socket's is locked all the same.
    const limited = await signInFrom(attacker, baseURL!, `nobody-${randomUUID()}@example.test`, "wrong password", "203.0.113.99");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);

    // Everyone else (another socket address) is not locked out by it.
    const account = await createAccount(request, "Bystander");
    const bystander = await signInFrom("127.0.0.24", baseURL!, account.email, account.password, "127.0.0.23");
    expect(bystander.status).toBe(200);
  });
});
