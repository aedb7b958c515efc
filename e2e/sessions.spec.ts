import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";

// Sessions are revocable on the server (issue #14.12): the session cookie names a server-side
// session that every request checks, so signing out ends it for every copy of the cookie.
// Before, a cookie captured before sign-out kept working for its whole 30 days.

const SESSION_COOKIE = /next-auth\.session-token$/;

test.describe("sessions", () => {
  test("[SESSIONS] a session cookie captured before sign-out is refused after it, by the API and by pages", async ({ page, browser }) => {
    const account = await createAccount(page.request, "Cookie Owner");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/courses$/);
    const captured = (await page.context().cookies()).find((cookie) => SESSION_COOKIE.test(cookie.name))!;
    expect(captured).toBeDefined();

    // Someone else's browser with a copy of the cookie is signed in as the owner…
    const thief = await browser.newContext();
    await thief.addCookies([captured]);
    const before = await thief.request.get("/api/courses");
    expect(before.status()).toBe(200);

    // …until the owner signs out.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    const after = await thief.request.get("/api/courses");
    expect(after.status()).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const thiefPage = await thief.newPage();
    await thiefPage.goto("/courses");
    await expect(thiefPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fcourses/);
    await expect(thiefPage.getByRole("navigation", { name: "Site" })).not.toContainText(account.name);
    await thief.close();
  });

  test("[SESSIONS] signing out ends only that session: the same person's other browser stays signed in", async ({ page, browser }) => {
    const account = await createAccount(page.request, "Two Browsers");
    await signInViaApi(page, account);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signInViaApi(otherPage, account);

    await page.goto("/courses");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    expect((await page.request.get("/api/courses")).status()).toBe(401);
    expect((await otherPage.request.get("/api/courses")).status()).toBe(200);
    await other.close();
  });
});
