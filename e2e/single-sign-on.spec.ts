// Single sign-on with OpenID Connect, through a real OpenID Provider (oidc-provider, started by
// the run: e2e/fixtures/oidc-provider-server.ts) and the browser, as a person does it: the
// button on the sign-in page, the provider's own sign-in form, and back to Scholia.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { linksOf, waitForMail } from "./fixtures/mail";
import { OIDC_DISPLAY_NAME, OIDC_ISSUER, setIdentityProvider } from "./fixtures/oidc";

const SSO_BUTTON = `Continue with ${OIDC_DISPLAY_NAME}`;

/** From Scholia's sign-in page through the provider's form; `login` is the identity (an email). */
async function signInWithSso(page: Page, login: string, callbackUrl = "/courses"): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await page.waitForURL((url) => url.href.startsWith(OIDC_ISSUER));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("whatever the provider asks");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function sessionEmail(page: Page): Promise<string | undefined> {
  return ((await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email;
}

test.describe("single sign-on (OpenID Connect)", () => {
  test.describe.configure({ timeout: 90_000 });

  test("[SSO] the sign-in page offers single sign-on beside email and password; a new person signs in through the provider and gets an account", async ({
    page,
  }) => {
    const login = `new.person.${randomUUID().slice(0, 6)}@sso.scholia.test`;
    await page.goto("/sign-in?callbackUrl=%2Fcourses");
    const button = page.getByRole("button", { name: SSO_BUTTON });
    await expect(button).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(page.getByLabel("Password")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath("sign-in-with-sso.png") });

    // By keyboard: the button is the first thing after the skip link and the header.
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.href.startsWith(OIDC_ISSUER));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();

    await page.waitForURL(/\/courses$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
    const name = login
      .split("@")[0]!
      .split(".")
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join(" ");
    await expect(page.getByRole("navigation", { name: "Site" })).toContainText(name);
    expect(await sessionEmail(page)).toBe(login);
    // The session is Scholia's own, listed and ended like any other.
    await page.goto("/settings/sessions");
    await expect(page.getByRole("main")).toContainText("This browser");
    await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await sessionEmail(page)).toBeUndefined();
  });

  test("[SSO] an existing account with the same verified address is the one signed in: its name, its courses and its password stay", async ({
    page,
    browser,
  }) => {
    const email = `linked.${randomUUID().slice(0, 6)}@sso.scholia.test`;
    const password = `pw-${randomUUID()}`;
    const created = await page.request.post("/api/accounts", { data: { name: "Lina Linked", email, password } });
    expect(created.status()).toBe(202);
    const mail = await waitForMail(email, (message) => message.subject === "Confirm your email address for Scholia");
    await page.goto(linksOf(mail).find((href) => href.includes("/confirm-email?token="))!);
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your address is confirmed");
    // With her password, she makes a course.
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
    const title = `Lina's seminar ${randomUUID().slice(0, 4)}`;
    expect((await page.request.post("/api/courses", { data: { title } })).status()).toBe(201);

    // Another browser, through single sign-on: the same account.
    const sso = await (await browser.newContext()).newPage();
    await signInWithSso(sso, email);
    await sso.waitForURL(/\/courses$/);
    await expect(sso.getByRole("navigation", { name: "Site" })).toContainText("Lina Linked");
    await expect(sso.getByRole("link", { name: title })).toBeVisible();
    expect(await sessionEmail(sso)).toBe(email);
    // The password session is untouched, and the password still works.
    expect(await sessionEmail(page)).toBe(email);
    await sso.context().close();
  });

  test("[SSO] an address the provider has not verified is refused with a message, and no account is linked or made", async ({ page }) => {
    const login = `unverified.${randomUUID().slice(0, 6)}@sso.scholia.test`;
    await signInWithSso(page, login);
    await page.waitForURL(/\/sign-in\?/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "has not verified your email address, so Scholia will not link it to an account",
    );
    await expect(page.getByRole("button", { name: SSO_BUTTON })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    expect(await sessionEmail(page)).toBeUndefined();
    // Nothing was made for the address: a sign-up with it is an ordinary new account.
    const signUp = await page.request.post("/api/accounts", {
      data: { name: "Later Person", email: login, password: "a long enough password" },
    });
    expect(signUp.status()).toBe(202);
    const welcome = await waitForMail(login);
    expect(welcome.subject).toBe("Confirm your email address for Scholia");
  });

  test("[SSO] an address outside the allowed domains is refused with a message", async ({ page }) => {
    await signInWithSso(page, `outsider.${randomUUID().slice(0, 6)}@elsewhere.example`);
    await page.waitForURL(/\/sign-in\?/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "Single sign-on here is for your institution's own email addresses",
    );
    expect(await sessionEmail(page)).toBeUndefined();
  });

  test("[SSO] cancelling at the provider comes back to the sign-in page with a message, signed out", async ({ page }) => {
    await page.goto("/sign-in?callbackUrl=%2Fcourses");
    await page.getByRole("button", { name: SSO_BUTTON }).click();
    await page.waitForURL((url) => url.href.startsWith(OIDC_ISSUER));
    await page.getByRole("link", { name: "[ Cancel ]" }).click();
    await page.waitForURL(/\/sign-in\?/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Single sign-on did not complete");
    expect(await sessionEmail(page)).toBeUndefined();
  });

  test("[SSO] the provider is down: the sign-in page says so and offers the password; when it is back, single sign-on works", async ({
    page,
  }) => {
    await page.goto("/sign-in?callbackUrl=%2Fcourses");
    await setIdentityProvider("down");
    try {
      await page.getByRole("button", { name: SSO_BUTTON }).click();
      await page.waitForURL(/\/sign-in\?/);
      await expect(page.getByRole("main").getByRole("alert")).toContainText(
        "Single sign-on is unavailable: Scholia could not reach your institution's sign-in service",
      );
      await expect(page.getByLabel("Email")).toBeVisible();
      await page.screenshot({ path: test.info().outputPath("sso-provider-down.png") });
    } finally {
      await setIdentityProvider("up");
    }
    await signInWithSso(page, `back.again.${randomUUID().slice(0, 6)}@sso.scholia.test`);
    await page.waitForURL(/\/courses$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  });
});
