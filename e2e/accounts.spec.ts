import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { readApiError } from "./fixtures/json";
import { linksOf, waitForMail } from "./fixtures/mail";

test.describe("accounts", () => {
  // Some tests wait for a real email from the worker.
  test.describe.configure({ timeout: 90_000 });
  test("[ACCOUNTS] sign up through the form, check your email, confirm the address from the email, sign in, sign out", async ({ page }) => {
    const email = `e2e-${randomUUID()}@Example.test`;
    await page.goto("/sign-up");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Name").fill("Uma Student");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
    await expect(page.getByRole("status")).toContainText(email);
    await expectNoSeriousAxeViolations(page);

    const mail = await waitForMail(email.toLowerCase(), (message) => message.subject === "Confirm your email address for Scholia");
    const confirmLink = linksOf(mail).find((href) => href.includes("/confirm-email?token="))!;
    await page.goto(confirmLink);
    await expect(page.getByText(`Confirm that ${email.toLowerCase()} is your address.`)).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your address is confirmed");
    await page.goto(confirmLink);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("This link has expired or was already used.");

    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
    await expect(page.getByText("You are not in any course yet.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Site" })).toContainText("Uma Student");
    const sessionCookie = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto("/courses");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcourses/);
  });

  test("[ACCOUNTS] bad sign-up input gets field messages and keeps what was typed", async ({ page, request }) => {
    const existing = await createAccount(request);
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Vic");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("main").getByRole("alert").first()).toContainText("Please correct the fields");
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Name")).toHaveValue("Vic");
    await expect(page.getByLabel("Email")).toHaveValue("not-an-email");

    // The same email in other case has an account: the form answers as for a new address (no
    // enumeration), and the owner is told by email.
    await page.getByLabel("Email").fill(existing.email.toUpperCase());
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const told = await waitForMail(existing.email, (message) => message.subject.startsWith("Someone tried to create a Scholia account"));
    expect(linksOf(told).some((href) => href.endsWith("/forgot-password"))).toBe(true);
  });

  test("[ENUMERATION] the sign-up API answers 400 with field errors, and the same 202 for a new and a taken email", async ({ request }) => {
    const bad = await request.post("/api/accounts", { data: { name: "", email: "nope", password: "x" } });
    expect(bad.status()).toBe(400);
    const error = await readApiError(bad);
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password"]);
    const notJson = await request.post("/api/accounts", { data: "{oops", headers: { "content-type": "application/json" } });
    expect(notJson.status()).toBe(400);
    const existing = await createAccount(request);
    const taken = await request.post("/api/accounts", { data: { ...existing, email: existing.email.toUpperCase() } });
    const fresh = await request.post("/api/accounts", { data: { ...existing, email: `e2e-${randomUUID()}@example.test` } });
    expect(taken.status()).toBe(202);
    expect(fresh.status()).toBe(202);
    expect(await taken.json()).toEqual(await fresh.json());
    expect(Object.keys(taken.headers()).sort()).toEqual(Object.keys(fresh.headers()).sort());
  });

  test("[ACCOUNTS] keyboard only: sign in from the sign-in page without a mouse", async ({ page, request }) => {
    const account = await createAccount(request);
    await page.goto("/sign-in");
    await expectNoSeriousAxeViolations(page);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Enter");
    // The e2e run configures single sign-on: its button comes first, then email and password.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: /^Continue with / })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Email")).toBeFocused();
    await page.keyboard.type(account.email);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Password")).toBeFocused();
    await page.keyboard.type(account.password);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  });

  test("[ACCOUNTS] a wrong password keeps the email, and repeated failures are rate limited (429 on the API)", async ({
    page,
    request,
  }) => {
    const account = await createAccount(request);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(account.email);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
      await expect(page.getByLabel("Email")).toHaveValue(account.email);
      await expect(page.getByLabel("Password")).toHaveValue("");
    }
    // Now even the right password is refused until the window passes.
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/);
    await expect(page).toHaveURL(/\/sign-in/);

    const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const limited = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email: account.email, password: account.password, json: "true" },
    });
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(800);
  });
});
