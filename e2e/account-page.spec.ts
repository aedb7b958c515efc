import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { linksOf, waitForMail } from "./fixtures/mail";

// The account page (issue #13.18): name, email, password, sessions, deletion.

const DEMO_COURSE = "demo-course";
const DEMO_JOIN_CODE = "DEMO-CODE-2006";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function signedIn(browser: Browser, name: string, account?: TestAccount): Promise<{ page: Page; account: TestAccount }> {
  const page = await (await browser.newContext()).newPage();
  const who = account ?? (await createAccount(page.request, name));
  await signInViaApi(page, who);
  return { page, account: who };
}

test.describe("account page", () => {
  // Real email round trips and several browsers per test.
  test.describe.configure({ timeout: 90_000 });

  test("[ACCOUNT] keyboard only: rename myself and change my password; my other browser is signed out, this one stays", async ({
    browser,
  }) => {
    const { page, account } = await signedIn(browser, "Keyboard Kim");
    const other = await signedIn(browser, "", account);

    await page.goto("/courses");
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Account" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/settings\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
    await expectNoSeriousAxeViolations(page);
    // Three forms ask for the current password: each field says which, for a screen reader's list of fields.
    await expect(page.locator("#account-email-password")).toHaveAccessibleName("Current password (to change your email address)");
    await expect(page.locator("#account-password-current")).toHaveAccessibleName("Current password (to change your password)");
    await expect(page.locator("#account-delete-password")).toHaveAccessibleName("Current password (to delete your account)");

    await page.getByLabel("Display name").focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Kim Renamed");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Name saved." })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Site" })).toContainText("Kim Renamed");

    const passwordForm = page.locator("form", { has: page.getByRole("button", { name: "Change password" }) });
    await passwordForm.getByLabel("Current password").focus();
    await page.keyboard.type("not my password");
    await page.keyboard.press("Tab");
    await expect(passwordForm.getByLabel("New password")).toBeFocused();
    await page.keyboard.type("a whole new password");
    await page.keyboard.press("Enter");
    await expect(passwordForm.getByRole("alert")).toContainText("Your current password is not right.");
    await expect(passwordForm.getByRole("alert")).toBeFocused();

    await passwordForm.getByLabel("Current password").fill(account.password);
    await passwordForm.getByLabel("New password").focus();
    await page.keyboard.press("Enter");
    await expect(passwordForm.getByRole("status")).toHaveText("Password changed. Your other session was signed out.");
    expect((await other.page.request.get("/api/courses")).status()).toBe(401);
    expect((await page.request.get("/api/courses")).status()).toBe(200);
  });

  test("[EMAIL CHANGE] a new address takes effect only through the link sent to it", async ({ browser }) => {
    const { page, account } = await signedIn(browser, "Mover");
    const newEmail = `e2e-moved-${randomUUID()}@example.test`;
    await page.goto("/settings/account");
    const emailForm = page.locator("form", { has: page.getByRole("button", { name: "Change email address" }) });
    await emailForm.getByLabel("New email address").fill(newEmail);
    await emailForm.getByLabel("Current password").fill(account.password);
    await emailForm.getByRole("button", { name: "Change email address" }).click();
    await expect(emailForm.getByRole("status")).toContainText(`We sent a link to ${newEmail}`);
    await expect(page.getByText(`${account.email.toLowerCase()} — not confirmed yet.`)).toBeVisible();

    const mail = await waitForMail(newEmail, (message) => message.subject === "Confirm your new email address for Scholia", 60_000);
    await page.goto(linksOf(mail).find((href) => href.includes("/confirm-email?token="))!);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Use this address" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your email address is changed");
    await page.getByRole("link", { name: "Back to your account" }).click();
    await expect(page.getByText(`${newEmail} — confirmed.`)).toBeVisible();
  });

  test("[SESSIONS] I see my sessions, end another browser's, then sign out everywhere", async ({ browser }) => {
    const { page, account } = await signedIn(browser, "Many Browsers");
    const other = await signedIn(browser, "", account);
    await page.goto("/settings/account");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Sessions" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sessions");
    await expectNoSeriousAxeViolations(page);
    await expect(page.getByRole("row")).toHaveCount(3);
    await expect(page.getByRole("row", { name: /This browser/ })).toHaveCount(1);

    await page
      .getByRole("row", { name: /^(?!.*This browser)/ })
      .getByRole("button", { name: /^End the session/ })
      .click();
    // The ended session's row goes away (and with it its form).
    await expect(page.getByRole("row")).toHaveCount(2);
    expect((await other.page.request.get("/api/courses")).status()).toBe(401);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=signed-out-everywhere$/);
    await expect(page.getByRole("status").filter({ hasText: "You are signed out of every browser." })).toBeVisible();
    expect((await page.request.get("/api/courses")).status()).toBe(401);
  });

  test("[DELETE] deleting my account keeps my course post for my classmates, as by “Deleted user”, and I can no longer sign in", async ({
    browser,
  }) => {
    const { page, account } = await signedIn(browser, "Leaving Student");
    const classmate = await signedIn(browser, "Staying Student");
    for (const person of [page, classmate.page]) {
      expect((await person.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
    }
    const home = await (await page.request.get("/")).text();
    const readingId = /\/readings\/([A-Za-z0-9_-]+)/.exec(home)![1]!;
    const marker = `Leaving thought ${randomUUID().slice(0, 6)}`;
    const posted = await page.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc(marker) },
    });
    expect(posted.status()).toBe(201);

    await page.goto("/settings/account");
    const deleteForm = page.locator("form", { has: page.getByRole("button", { name: "Delete my account" }) });
    await deleteForm.getByLabel("Current password").fill(account.password);
    await deleteForm.getByLabel("Type “delete my account” to confirm").fill("delete my account");
    page.once("dialog", (dialog) => void dialog.accept());
    await deleteForm.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=account-deleted$/);
    await expect(page.getByRole("status").filter({ hasText: "Your account is deleted." })).toBeVisible();

    const thread = await classmate.page.request.get(`/api/readings/${readingId}/paragraphs/4/thread?course=${DEMO_COURSE}`);
    const threadText = await thread.text();
    expect(threadText).toContain(marker);
    expect(threadText).toContain("Deleted user");
    expect(threadText).not.toContain(account.name);

    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  });
});
