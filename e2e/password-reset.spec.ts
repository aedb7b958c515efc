import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { linksOf, waitForMail } from "./fixtures/mail";

// "Forgot password" (issue #17.4): the link comes from the email the app really sent over SMTP.

/** Tabs forward until `target` has the focus (at most `limit` presses), as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, limit = 25): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test.describe("password reset", () => {
  // Each test waits for a real email from the worker.
  test.describe.configure({ timeout: 90_000 });
  test("[RESET] a student who forgot the password recovers the account from the sign-in page, keyboard only, through the emailed link; other sessions end", async ({
    page,
    browser,
    baseURL,
  }) => {
    const account = await createAccount(page.request, "Forgetful Student");
    // The account is signed in elsewhere (a lab computer): the reset must end that session.
    const elsewhere = await browser.newContext({ baseURL });
    const elsewherePage = await elsewhere.newPage();
    await signInViaApi(elsewherePage, account);

    await page.goto("/sign-in");
    await expectNoSeriousAxeViolations(page);
    await tabTo(page, page.getByRole("link", { name: "Forgot your password?" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot your password?");
    await expectNoSeriousAxeViolations(page);
    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(account.email);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "If an account uses" })).toContainText(account.email.toLowerCase());

    const mail = await waitForMail(account.email.toLowerCase(), (message) => message.subject === "Reset your Scholia password");
    expect(mail.text).toContain("30 minutes");
    const link = linksOf(mail).find((href) => href.includes("/reset-password?token="));
    expect(link, mail.html).toBeDefined();
    expect(new URL(link!).origin).toBe(baseURL);

    await page.goto(link!);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
    await expect(page.getByText(account.email.toLowerCase())).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    const newPassword = `new-${randomUUID()}`;
    await tabTo(page, page.getByLabel("New password", { exact: true }));
    await page.keyboard.type(newPassword);
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL(/\/sign-in\?notice=password-reset$/);
    await expect(page.getByRole("status").filter({ hasText: "Your password is changed" })).toBeVisible();
    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(account.email);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Password")).toBeFocused();
    await page.keyboard.type(newPassword);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.getByRole("navigation", { name: "Site" })).toContainText(account.name);

    // The other session ended with the reset.
    expect((await elsewherePage.request.get("/api/courses")).status()).toBe(401);
    await elsewhere.close();

    // The link worked once.
    await page.goto(link!);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or was already used: ask for a new one.");
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  });

  test("[ENUMERATION] 'Forgot password' answers an address with no account exactly as one with an account", async ({ page, request }) => {
    const account = await createAccount(request, "Known");
    const answers: string[] = [];
    for (const email of [account.email, `nobody-${randomUUID()}@example.test`]) {
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send me a link" }).click();
      const status = page.getByRole("status").filter({ hasText: "If an account uses" });
      await expect(status).toBeVisible();
      answers.push((await status.textContent())!.replace(email.toLowerCase(), "<email>"));
    }
    expect(answers[1]).toBe(answers[0]);
  });

  test("[RESET] a short new password is refused with a field message and the link still works", async ({ page, request }) => {
    const account = await createAccount(request, "Short Password");
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(account.email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "If an account uses" })).toBeVisible();
    const mail = await waitForMail(account.email.toLowerCase(), (message) => message.subject === "Reset your Scholia password");
    await page.goto(linksOf(mail).find((href) => href.includes("/reset-password?token="))!);
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Use at least 10 characters.");
    await page.getByLabel("New password", { exact: true }).fill("long enough new password");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=password-reset$/);
  });
});
