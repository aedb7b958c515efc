import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";

test.describe("personal API tokens", () => {
  test("[TOKENS] by keyboard: create a token, see its secret once, use it, revoke it after confirming", async ({ page, request }) => {
    const account = await createAccount(page.request, "Tia Token");
    await signInViaApi(page, account);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Account" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API tokens" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
    await expect(page.getByText("You have no API tokens.")).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel("Token name").focus();
    await page.keyboard.type("Export script");
    await page.keyboard.press("Enter");
    const secretHeading = page.getByRole("heading", { name: "Copy your new token now" });
    await expect(secretHeading).toBeFocused();
    const secret = await page.getByLabel("Token", { exact: true }).inputValue();
    expect(secret).toMatch(/^sch_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("button", { name: "Copy token" })).toBeVisible();
    await expect(page.getByLabel("Token name")).toHaveValue("");
    const row = page.getByRole("row", { name: /Export script/ });
    await expect(row).toContainText(secret.slice(0, 10));
    await expect(row).toContainText("Never");
    await expectNoSeriousAxeViolations(page);

    const used = await request.get("/api/courses", { headers: { Authorization: `Bearer ${secret}` } });
    expect(used.status()).toBe(200);

    // Shown once: after a reload only the prefix remains, and the use is recorded.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Copy your new token now" })).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByRole("row", { name: /Export script/ })).not.toContainText("Never");

    // Cancelling the confirmation keeps the token; accepting revokes it.
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("button", { name: "Revoke Export script" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("row", { name: /Export script/ })).toBeVisible();
    expect((await request.get("/api/courses", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toContain("Export script");
      void dialog.accept();
    });
    await page.getByRole("button", { name: "Revoke Export script" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("row", { name: /Export script/ })).toHaveCount(0);
    await expect(page.getByText("You have no API tokens.")).toBeVisible();
    expect((await request.get("/api/courses", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(401);
  });

  test("[TOKENS] a token needs a name: the refusal is announced and nothing is created", async ({ page }) => {
    await signInViaApi(page, await createAccount(page.request, "Nameless"));
    await page.goto("/settings/tokens");
    await page.getByLabel("Token name").fill("   ");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("region", { name: "New token" }).getByRole("alert")).toContainText("Give the token a name");
    await expect(page.getByText("You have no API tokens.")).toBeVisible();
  });

  test("[TOKENS] a token cannot create or revoke tokens: the settings actions need the session", async ({ page, request }) => {
    const account = await createAccount(page.request, "Mint Guard");
    await signInViaApi(page, account);
    await page.goto("/settings/tokens");
    await page.getByLabel("Token name").fill("Leaked one");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("Token", { exact: true }).inputValue();

    // The page stays open, but its next requests carry the token instead of the session cookie.
    await page.context().clearCookies();
    await page.route("**/settings/tokens", (route) =>
      route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${secret}` } }),
    );
    await page.getByLabel("Token name").fill("Minted by the token");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("region", { name: "New token" }).getByRole("alert")).toContainText(
      "a token cannot create or revoke tokens",
    );
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Revoke Leaked one" }).click();
    await expect(page.getByRole("row", { name: /Leaked one/ }).getByRole("alert")).toContainText("a token cannot create or revoke tokens");
    expect((await request.get("/api/courses", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);

    await page.unrouteAll();
    await signInViaApi(page, account);
    await page.goto("/settings/tokens");
    await expect(page.getByRole("row", { name: /Leaked one/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /Minted by the token/ })).toHaveCount(0);
  });

  test("[TOKENS] the settings page asks a visitor to sign in first", async ({ page }) => {
    await page.goto("/settings/tokens");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Ftokens/);
  });
});
