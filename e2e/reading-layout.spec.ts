import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc, postThroughApi, rangeOf, replyThroughApi } from "./fixtures/classroom";
import { selectPhrase } from "./fixtures/selection";

// The reading experience (#21, #13.11): cards beside their passage on a wide screen, a
// paragraph's discussion and composer under it on a phone, and the new post brought to the reader.

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 320, height: 700 };

/** A new reader signed in, on their own notes on the statement (nobody else's posts are there). */
async function newReader(page: Page, name: string): Promise<string> {
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  const home = await (await page.request.get("/")).text();
  return /\/readings\/(?!new\b)([A-Za-z0-9_-]+)/.exec(home)![1]!;
}

async function openReading(page: Page, id: string): Promise<void> {
  await page.goto(`/readings/${id}`);
  await expect(page.locator(".live-status")).toHaveText("Live");
}

/** A screenshot of what the reader sees, attached to the report (and kept in the test's output folder). */
async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Whether the page scrolls sideways. */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The layout shift (CLS) the page has had so far, from the browser's own PerformanceObserver. */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
      }),
  );

test.describe("cards beside their passage", () => {
  test.use({ viewport: WIDE });

  test("[MARGIN] each card sits at its passage; a busy paragraph collapses into a summary that opens in place; the list view stays", async ({
    page,
  }, testInfo) => {
    const id = await newReader(page, "Wide Reader");
    await openReading(page, id);
    const passages: [number, string][] = [
      [2, "global information system"],
      [5, "weapons of mass destruction"],
    ];
    for (const [position, phrase] of passages) {
      const target = await rangeOf(page, position, phrase);
      await postThroughApi(page.request, id, { courseId: null, kind: "COMMENT", target, body: doc(`On ${phrase}`) });
    }
    for (let index = 0; index < 5; index += 1) {
      await postThroughApi(page.request, id, {
        courseId: null,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 7 },
        body: doc(`Busy ${index}`),
      });
    }
    await page.goto(`/readings/${id}`);
    await expect(page.locator(".margin-track[data-placed]")).toBeAttached();
    expect(await layoutShift(page)).toBeLessThan(0.1);

    // Each card's top within 24 px of its passage's line; paragraph 7's five posts are one summary.
    for (const [position, phrase] of passages) {
      const card = page.locator(".annotation-card", { hasText: `On ${phrase}` });
      const mark = page.locator(`#p-${position} mark`, { hasText: phrase }).first();
      const [cardBox, markBox] = [await card.boundingBox(), await mark.boundingBox()];
      expect(Math.abs(cardBox!.y - markBox!.y), `the card on "${phrase}"`).toBeLessThanOrEqual(24);
    }
    const summary = page.getByRole("button", { name: "5 posts on this paragraph: paragraph 7" });
    await expect(summary).toHaveAttribute("aria-expanded", "false");
    await expect(page.locator(".annotation-card", { hasText: "Busy 0" })).toBeHidden();
    const [summaryBox, paragraphBox] = [await summary.boundingBox(), await page.locator("#p-7 p[data-offset]").boundingBox()];
    expect(Math.abs(summaryBox!.y - paragraphBox!.y)).toBeLessThanOrEqual(24);
    await attachScreenshot(page, testInfo, "wide-cards-beside-text");

    // Opened with the keyboard, in place: its cards follow it, below the paragraph's top.
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(summary).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator(".annotation-card", { hasText: "Busy 4" })).toBeVisible();
    const [openSummary, firstBusy] = [
      await summary.boundingBox(),
      await page.locator(".annotation-card", { hasText: "Busy 0" }).boundingBox(),
    ];
    expect(firstBusy!.y).toBeGreaterThan(openSummary!.y);

    // A filter still applies to the cards beside the text.
    await page.getByLabel("Colour").selectOption("yellow");
    await expect(page.locator(".annotation-card", { hasText: "Busy 0" })).toHaveCount(0);
    await expect(page.locator(".annotation-card", { hasText: "On global information system" })).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();

    // The density bar: a mark per busy paragraph, reached by keyboard, jumping to its paragraph.
    const bar = page.getByRole("navigation", { name: "Where the posts are" });
    await expect(bar.getByRole("link")).toHaveCount(3);
    const busiest = bar.getByRole("link", { name: "Paragraph 7: 5 posts (busiest)" });
    await expect(bar.getByRole("link", { name: "Paragraph 2: 1 post (quiet)" })).toBeVisible();
    await busiest.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#p-7$/);
    await expect(page.locator("#p-7 p[data-offset]")).toBeInViewport();
    const [markBox, barBox] = [await busiest.boundingBox(), await bar.locator("ol").boundingBox()];
    expect(markBox!.x).toBeGreaterThanOrEqual(barBox!.x - 1);

    // The list in document order, one click away.
    await page.getByRole("button", { name: "As a list" }).click();
    await expect(page.getByRole("button", { name: "As a list" })).toHaveAttribute("aria-pressed", "true");
    const texts = await page.locator(".annotation-card .annotation-body").allTextContents();
    expect(texts).toEqual([
      "On global information system",
      "On weapons of mass destruction",
      "Busy 0",
      "Busy 1",
      "Busy 2",
      "Busy 3",
      "Busy 4",
    ]);
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoSeriousAxeViolations(page);
  });

  test("[MARGIN] clicking a highlight focuses its card beside it, and focusing a card emphasises its passage", async ({ page }) => {
    const id = await newReader(page, "Pointing Reader");
    await openReading(page, id);
    const phrase = "weapons of mass destruction";
    await postThroughApi(page.request, id, {
      courseId: null,
      kind: "COMMENT",
      target: await rangeOf(page, 5, phrase),
      body: doc("Pointed comment"),
    });
    await page.reload();
    await page.locator("#p-5 mark", { hasText: phrase }).first().click();
    const card = page.locator(".annotation-card", { hasText: "Pointed comment" });
    await expect(card).toBeFocused();
    await expect(card).toHaveClass(/is-active/);
    await expect(page.locator("#p-5 mark.hl-active")).toHaveText(phrase);
    await expect(card).toBeInViewport();
  });
});

test.describe("after posting", () => {
  test.use({ viewport: WIDE });

  test("[FEEDBACK] a new comment's card is scrolled into view, focused and marked, its passage painted; a reply in a thread likewise", async ({
    page,
  }, testInfo) => {
    const id = await newReader(page, "Posting Reader");
    await openReading(page, id);
    // Enough posts before it that a list would put the new card far down.
    for (let index = 0; index < 12; index += 1) {
      await postThroughApi(page.request, id, {
        courseId: null,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 1 },
        body: doc(`Earlier ${index}`),
      });
    }
    await openReading(page, id);
    const phrase = "Universal Declaration of Human Rights";
    await page.locator("#p-10").scrollIntoViewIfNeeded();
    await selectPhrase(page, 10, phrase);
    await page.keyboard.press("Alt+Shift+C");
    await expect(page.getByRole("textbox", { name: "Comment on the selection" })).toBeFocused();
    await page.keyboard.type("Arriving comment ar21");
    await page.keyboard.press("Control+Enter");

    const card = page.locator(".annotation-card", { hasText: "ar21" });
    await expect(card).toBeFocused();
    await expect(card).toHaveClass(/is-arriving/);
    await expect(card).toBeInViewport();
    const mark = page.locator("#p-10 mark.hl-active", { hasText: phrase });
    await expect(mark).toBeVisible();
    const [cardBox, markBox] = [await card.boundingBox(), await mark.first().boundingBox()];
    testInfo.annotations.push({ type: "new-card distance (px)", description: String(Math.round(Math.abs(cardBox!.y - markBox!.y))) });
    expect(Math.abs(cardBox!.y - markBox!.y)).toBeLessThanOrEqual(24);
    await expect(card).not.toHaveClass(/is-arriving/, { timeout: 5_000 });

    // A reply in a thread: its post in the thread is brought into view and focused.
    const root = await postThroughApi(page.request, id, {
      courseId: null,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 3 },
      body: doc("Thread root tr21"),
    });
    await replyThroughApi(page.request, root, "An earlier reply");
    await page.reload();
    await page.getByRole("button", { name: /^Open the discussion on paragraph 3/ }).click();
    const thread = page.getByRole("region", { name: "Discussion on paragraph 3" });
    await thread.locator("article", { hasText: "tr21" }).getByRole("button", { name: "Reply" }).click();
    await page.getByRole("textbox", { name: /^Reply to/ }).click();
    await page.keyboard.type("The newest reply rp21");
    await page.keyboard.press("Control+Enter");
    const reply = thread.locator("article", { hasText: "rp21" });
    await expect(reply).toBeFocused();
    await expect(reply).toBeInViewport();
    await expect(reply).toHaveClass(/is-arriving/);
  });
});

test.describe("a phone", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("[PHONE] a paragraph's composer and discussion open under the paragraph, within one screen of it", async ({ page }, testInfo) => {
    const id = await newReader(page, "Phone Reader");
    await postThroughApi(page.request, id, {
      courseId: null,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 8 },
      body: doc("Phone thread root"),
    });
    await openReading(page, id);
    expect(await scrollsSideways(page)).toBe(false);

    const paragraph = page.locator("#p-8");
    await page.getByRole("button", { name: /^Open the discussion on paragraph 8/ }).click();
    const thread = paragraph.getByRole("region", { name: "Discussion on paragraph 8" });
    await expect(thread.getByRole("heading", { name: "Discussion on paragraph 8" })).toBeFocused();
    await expect(thread).toContainText("Phone thread root");
    await expect(thread.getByRole("heading")).toBeInViewport();
    await attachScreenshot(page, testInfo, "phone-discussion-under-paragraph");
    await expectNoSeriousAxeViolations(page);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: /^Open the discussion on paragraph 8/ })).toBeFocused();
    await expect(paragraph.locator(".thread")).toHaveCount(0);

    await page.getByRole("button", { name: /^Comment on paragraph 8/ }).click();
    const editor = page.getByRole("textbox", { name: "Post on paragraph 8" });
    await expect(editor).toBeFocused();
    await expect(paragraph.locator(".composer")).toBeVisible();
    const [paragraphBox, composerBox] = [await paragraph.boundingBox(), await page.locator(".composer").boundingBox()];
    const distance = composerBox!.y - (paragraphBox!.y + paragraphBox!.height);
    testInfo.annotations.push({ type: "composer distance below its paragraph (px)", description: String(Math.round(distance)) });
    expect(Math.abs(composerBox!.y - paragraphBox!.y)).toBeLessThanOrEqual(PHONE.height);
    await expect(editor).toBeInViewport();
    await attachScreenshot(page, testInfo, "phone-composer-under-paragraph");

    // Posted: the new post shows in the paragraph's discussion, under the paragraph, focused.
    await page.keyboard.type("Typed on a phone ph21");
    await page.keyboard.press("Control+Enter");
    const posted = thread.locator("article", { hasText: "ph21" });
    await expect(posted).toBeFocused();
    await expect(posted).toBeInViewport();
    expect(await scrollsSideways(page)).toBe(false);
  });

  test("[PHONE] nothing scrolls sideways at 320 px, with the composer open", async ({ page }, testInfo) => {
    await page.setViewportSize(SMALL_PHONE);
    const id = await newReader(page, "Small Phone Reader");
    await openReading(page, id);
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByRole("button", { name: /^Comment on paragraph 2/ }).click();
    await expect(page.locator("#p-2 .composer")).toBeVisible();
    expect(await scrollsSideways(page)).toBe(false);
    await attachScreenshot(page, testInfo, "phone-320-composer");
  });
});
