import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { openStatement, statement } from "./fixtures/reading";
import { readJson } from "./fixtures/json";
import { ltiPlatformOrigin } from "./fixtures/lti";

test.describe("the reading page", () => {
  test("[READING] shows the statement's title, dateline, source once and every paragraph whole and numbered", async ({ page }) => {
    await openStatement(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(statement.title!);
    await expect(page).toHaveTitle(`${statement.title} · Scholia`);
    await expect(page.locator("time[datetime='2006-06-15']")).toHaveText("Shanghai, 15 June 2006");
    await expect(page.getByText("The Shangai Cooperation Organisation")).toBeVisible();

    const body = page.locator("body");
    const bodyText = (await body.innerText()).replace(/\s+/g, " ");
    expect(bodyText.split("Instituto de Relaciones Internacionales (IRI) - Anuario 2007").length - 1).toBe(1);
    expect(bodyText.split("Departamento de Asia y Pacífico").length - 1).toBe(1);

    const items = page.locator("ol.paragraphs > li");
    await expect(items).toHaveCount(10);
    for (const paragraph of statement.paragraphs) {
      const item = page.locator(`#p-${paragraph.position}`);
      // The number is chrome drawn from data-label: the text container holds the reading's text only.
      await expect(item.getByRole("link", { name: `Paragraph ${paragraph.position}` })).toHaveAttribute(
        "data-label",
        String(paragraph.position),
      );
      await expect(item.locator("p")).toHaveText(paragraph.text);
    }
    // The paragraph a page break cut in two is whole.
    await expect(page.locator("#p-4 p")).toContainText("maintenance of international security, which will cause");
  });

  test("[READING] #p-N brings paragraph N into view and marks it", async ({ page }) => {
    const path = await openStatement(page);
    await page.setViewportSize({ width: 1000, height: 600 });
    // A link to the paragraph opened afresh, as one shared in a message would be: a new document,
    // not a fragment change on the open page (which under load raced the router's own scrolling).
    await page.goto("about:blank");
    await page.goto(`${path}#p-9`);
    const ninth = page.locator("#p-9");
    await expect(ninth).toBeInViewport();
    await expect(page.locator("#p-1")).not.toBeInViewport();
    const background = await ninth.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).not.toBe("rgba(0, 0, 0, 0)");
  });

  test("[READING] the copy link button copies the paragraph's address", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const path = await openStatement(page);
    await page.getByRole("button", { name: "Copy link to paragraph 4" }).click();
    // Said by the page's one announcer, not a status region per button.
    await expect(page.getByTestId("page-announcer")).toHaveText("Link copied to the clipboard.");
    await expect(page.locator("#p-4").getByRole("status")).toHaveCount(0);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${new URL(page.url()).origin}${path}#p-4`);
  });

  test("[A11Y] the reading page has landmarks, one h1, and no serious or critical axe violations", async ({ page }) => {
    await openStatement(page);
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });

  test("[A11Y] the reading page passes axe in dark mode too", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await openStatement(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });

  test("[A11Y] keyboard only: skip links, then one stop per paragraph, Up/Down from paragraph to paragraph", async ({ page }) => {
    // A fresh load, so focus starts at the top of the document as it does for a keyboard user.
    await page.goto(await openStatement(page));
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to text" })).toBeFocused();
    await page.keyboard.press("Tab");
    // Signed out, the reading's header offers to sign in before the text starts.
    await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeFocused();
    // The paragraph numbers are links, but not Tab stops: each paragraph is one stop, its tools.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Copy link to paragraph 1", exact: true })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Copy link to paragraph 2", exact: true })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    const third = page.getByRole("button", { name: "Copy link to paragraph 3", exact: true });
    await expect(third).toBeFocused();
    await expect(page.getByRole("toolbar", { name: "Paragraph 3", exact: true })).toHaveAccessibleDescription(/Up and Down arrows/);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect(page.getByRole("button", { name: "Copy link to paragraph 1", exact: true })).toBeFocused();
    const outline = await page
      .getByRole("button", { name: "Copy link to paragraph 1", exact: true })
      .evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe("none");
  });

  test("[READING] an unknown reading is a 404 page that leads back home", async ({ page }) => {
    const response = await page.goto("/readings/no-such-reading");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading not found");
    await page.getByRole("link", { name: "Back to all readings" }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("[READING] the reading page renders whole with JavaScript disabled", async ({ page }) => {
    const path = await openStatement(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(statement.title!);
    await expect(page.locator("ol.paragraphs > li")).toHaveCount(10);
    await expect(page.locator("#p-10 p")).toHaveText(statement.paragraphs[9]!.text);
    // No dead controls: the copy button exists only when JavaScript can run it.
    await expect(page.getByRole("button", { name: /Copy link/ })).toHaveCount(0);
    await page.goto(`${path}#p-7`);
    await expect(page.locator("#p-7")).toBeInViewport();
  });
});

test.describe("the home page and health", () => {
  test("[HOME] lists the statement and leads to it", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Read together");
    const card = page.getByRole("link", { name: new RegExp(statement.title!) });
    await expect(card).toContainText("10 paragraphs");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
  });

  test("[HEALTH] /api/health reports the database up", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    const report = await readJson<{ database: { migrationsApplied: number } }>(response);
    expect(report).toMatchObject({ status: "ok", database: { status: "up" } });
    expect(report.database.migrationsApplied).toBeGreaterThanOrEqual(1);
  });

  test("[HEADERS] responses carry security headers and no server banner", async ({ request }) => {
    const response = await request.get("/");
    const headers = response.headers();
    expect(headers["x-powered-by"]).toBeUndefined();
    // No one may frame the app but an LMS an operator registered (the LTI spec registers the test LMS).
    const frameAncestors = /frame-ancestors ([^;]*)/
      .exec(headers["content-security-policy"] ?? "")?.[1]
      ?.trim()
      .split(/\s+/);
    expect(frameAncestors?.length).toBeGreaterThan(0);
    for (const ancestor of frameAncestors ?? []) expect(["'none'", ltiPlatformOrigin]).toContain(ancestor);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });
});
