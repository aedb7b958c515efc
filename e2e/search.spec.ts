import { expect, test, type Locator, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc } from "./fixtures/classroom";
import { DEMO_COURSE, joinDemoCourse, readingId } from "./fixtures/demo-course";

/** A word no one else wrote: letters only, so the English stemmer leaves it whole. */
function distinctiveWord(): string {
  return `zorb${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
}

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test.describe("search", () => {
  test("[SEARCH] a comment is found by a word in it, marked in the result, and the link opens its paragraph", async ({ page, browser }) => {
    await joinDemoCourse(page, "Sam Searcher");
    const id = await readingId(page);
    const word = distinctiveWord();
    await page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await expect(page.locator(".live-status")).toHaveText("Live");
    await page.getByRole("button", { name: /^Comment on paragraph 4/ }).click();
    await page.getByRole("textbox", { name: "Post on paragraph 4" }).click();
    await page.keyboard.type(`The phrase about ${word} deserves a closer look.`);
    await page.keyboard.press("Control+Enter");
    await expect(page.locator(".annotation-card", { hasText: word })).toBeVisible();

    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Search" }).click();
    await page.getByRole("searchbox", { name: "Words" }).fill(word);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Results 1–1 of 1" })).toBeVisible();
    const result = page.locator(".search-result");
    await expect(result).toHaveCount(1);
    await expect(result.locator("mark")).toHaveText(word);
    await expect(result).toContainText("Sam Searcher");
    await result.getByRole("link", { name: /, paragraph 4$/ }).click();
    await page.waitForURL(`**/readings/${id}?course=${DEMO_COURSE}#a-*`);
    // The link opens the post itself: its card is focused and in view.
    const card = page.locator(".annotation-card", { hasText: word });
    await expect(card).toBeFocused();
    await expect(card).toBeInViewport();

    // Someone outside the course finds nothing of it.
    const stranger = await (await browser.newContext()).newPage();
    await signInViaApi(stranger, await createAccount(stranger.request, "Stranger"));
    const response = await stranger.request.get(`/api/search?q=${word}`);
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toEqual([]);
  });

  test("[SEARCH] keyboard only: header link, the form, and the result link", async ({ page }) => {
    await joinDemoCourse(page, "Kai Keyboard");
    const id = await readingId(page);
    const word = distinctiveWord();
    const posted = await page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc(`Keyboard ${word} post.`) },
    });
    expect(posted.status()).toBe(201);
    const postId = ((await posted.json()) as { id: string }).id.split("/").pop()!;
    await page.goto("/");
    await tabTo(page, page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Search" }));
    await page.keyboard.press("Enter");
    await page.waitForURL("**/search");
    const words = page.getByRole("searchbox", { name: "Words" });
    await tabTo(page, words);
    await page.keyboard.type(word);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/search?q=${word}*`);
    const link = page.locator(".search-result").getByRole("link", { name: /, paragraph 2$/ });
    await tabTo(page, link);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/readings/${id}?course=${DEMO_COURSE}#a-${postId}`);
    await expect(page.locator(".annotation-card", { hasText: word })).toBeFocused();
  });

  test("[SEARCH] empty, no-results and invalid states keep what was typed and pass axe", async ({ page }) => {
    await joinDemoCourse(page, "Axel Axe");
    await page.goto("/search");
    await expect(page.getByText("Type a word to search for, or choose a filter.")).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await page.goto(`/search?q=${distinctiveWord()}`);
    await expect(page.getByRole("heading", { name: "No results" })).toBeVisible();
    await expect(page.getByText("Nothing you can read matches.")).toBeVisible();

    await page.goto("/search?q=security&from=2026-02-30&kind=POEM");
    await expect(page.locator(".form-error[role=alert]")).toContainText("Not a real date.");
    await expect(page.getByRole("searchbox", { name: "Words" })).toHaveValue("security");
    await expect(page.getByLabel("Posted from")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousAxeViolations(page);

    const api = await page.request.get("/api/search?q=x&kind=POEM");
    expect(api.status()).toBe(400);
    expect(((await api.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors).toHaveProperty("kind");

    await page.goto("/search?q=security+information");
    await expect(page.getByRole("heading", { name: /^(Results|No results)/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  test("[SEARCH] without JavaScript the form submits and results render with marks", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await joinDemoCourse(page, "Nora NoScript");
    const id = await readingId(page);
    const word = distinctiveWord();
    expect(
      (
        await page.request.post(`/api/readings/${id}/annotations`, {
          data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 5 }, body: doc(`Plain ${word}.`) },
        })
      ).status(),
    ).toBe(201);
    await page.goto("/search");
    await page.getByRole("searchbox", { name: "Words" }).fill(word);
    await page.getByLabel("Kind").selectOption("PARAGRAPH_POST");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.locator(".search-result mark")).toHaveText(word);
    await expect(page.getByLabel("Kind")).toHaveValue("PARAGRAPH_POST");
    await context.close();
  });

  test("[SEARCH] signed out, search asks to sign in and comes back", async ({ page }) => {
    await page.goto("/search?q=security");
    await page.waitForURL(/\/sign-in\?callbackUrl=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get("callbackUrl") ?? "")).toBe("/search?q=security");
    expect((await page.request.get("/api/search?q=security")).status()).toBe(401);
  });
});
