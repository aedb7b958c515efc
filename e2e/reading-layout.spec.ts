import { expect, test, type Locator, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc, postThroughApi, rangeOf, replyThroughApi } from "./fixtures/classroom";
import { attachScreenshot } from "./fixtures/screenshots";
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

/** An element's top in the document (unlike a bounding box, the same while the page scrolls). */
const documentTop = (locator: Locator) => locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);

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
    test.setTimeout(120_000);
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
    // The first of paragraph 7's posts asks a question nobody has answered: an open question.
    for (let index = 0; index < 5; index += 1) {
      await postThroughApi(page.request, id, {
        courseId: null,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 7 },
        body: doc(`Busy ${index}`),
        isQuestion: index === 0,
      });
    }
    await page.goto(`/readings/${id}`);
    await expect(page.locator(".margin-track[data-placed]")).toBeAttached();
    expect(await layoutShift(page)).toBeLessThan(0.1);

    // Each card's top within 24 px of its passage's line; paragraph 7's five posts are one summary.
    for (const [position, phrase] of passages) {
      const card = page.locator(".annotation-card", { hasText: `On ${phrase}` });
      const mark = page.locator(`#p-${position} mark`, { hasText: phrase }).first();
      const offset = (await documentTop(card)) - (await documentTop(mark));
      expect(Math.abs(offset), `the card on "${phrase}"`).toBeLessThanOrEqual(24);
    }
    const summary = page.getByRole("button", { name: "5 posts on this paragraph: paragraph 7" });
    await expect(summary).toHaveAttribute("aria-expanded", "false");
    await expect(page.locator(".annotation-card", { hasText: "Busy 0" })).toBeHidden();
    const summaryOffset = (await documentTop(summary)) - (await documentTop(page.locator("#p-7 p[data-offset]")));
    expect(Math.abs(summaryOffset)).toBeLessThanOrEqual(24);
    await attachScreenshot(page, testInfo, "wide-cards-beside-text");

    // Opened with the keyboard, in place: its cards follow it, below the paragraph's top.
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(summary).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator(".annotation-card", { hasText: "Busy 4" })).toBeVisible();
    // Measured together: the page may still be scrolling (smoothly) to the focused summary.
    const [summaryTop, firstBusyTop] = await page.evaluate(() => {
      const busy = [...document.querySelectorAll(".annotation-card")].find((card) => card.textContent?.includes("Busy 0"));
      const opened = document.querySelector('.margin-summary button[aria-expanded="true"]');
      return [opened!.getBoundingClientRect().top, busy!.getBoundingClientRect().top];
    });
    expect(firstBusyTop).toBeGreaterThan(summaryTop);

    // A filter still applies to the cards beside the text.
    await page.getByLabel("Colour").selectOption("yellow");
    await expect(page.locator(".annotation-card", { hasText: "Busy 0" })).toHaveCount(0);
    await expect(page.locator(".annotation-card", { hasText: "On global information system" })).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();

    // The density bar: a mark per busy paragraph, reached by keyboard, jumping to its paragraph;
    // an open question is in the mark's name and drawn as a ringed "?" (not by colour alone).
    const bar = page.getByRole("navigation", { name: "Where the posts are" });
    await expect(bar.getByRole("link")).toHaveCount(3);
    const busiest = bar.getByRole("link", { name: "Paragraph 7: 5 posts, 1 open question (busiest)" });
    await expect(busiest).toHaveClass(/has-open-question/);
    expect(await busiest.evaluate((element) => getComputedStyle(element, "::after").content)).toContain("?");
    await expect(bar.getByRole("link", { name: "Paragraph 2: 1 post (quiet)" })).toBeVisible();
    await expect(bar.getByRole("link", { name: "Paragraph 2: 1 post (quiet)" })).not.toHaveClass(/has-open-question/);
    // One Tab stop: Down moves from mark to mark (the first busy paragraph holds the stop).
    await bar.getByRole("link", { name: "Paragraph 2: 1 post (quiet)" }).focus();
    await expect(bar.locator("a[tabindex='0']")).toHaveCount(1);
    for (let presses = 0; presses < 3 && !(await busiest.evaluate((element) => element === document.activeElement)); presses += 1) {
      await page.keyboard.press("ArrowDown");
    }
    await expect(busiest).toBeFocused();
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

    // The page with fifty more annotations (one import), on a wide screen and on a phone.
    const ranges = await page.locator("p[data-offset]").evaluateAll((elements) =>
      Array.from({ length: 50 }, (_, index) => {
        const element = elements[(index * 3) % elements.length]!;
        const text = element.textContent ?? "";
        const start = Number(element.getAttribute("data-offset")) + Math.min(index % 5, Math.max(0, text.length - 12));
        return { start, end: start + Math.min(12, text.length) };
      }),
    );
    const imported = await page.request.post(`/api/readings/${id}/annotation-imports`, {
      data: {
        type: "AnnotationPage",
        items: ranges.map((range, index) => ({
          "@context": "http://www.w3.org/ns/anno.jsonld",
          type: "Annotation",
          motivation: "commenting",
          bodyValue: `Imported note ${index + 1}`,
          target: { source: `/readings/${id}`, selector: { type: "TextPositionSelector", ...range } },
        })),
      },
    });
    expect(imported.status(), await imported.text()).toBeLessThan(300);
    await page.getByRole("button", { name: "Beside the text" }).click();
    await page.reload();
    await expect(page.locator(".margin-track[data-placed]")).toBeAttached();
    await attachScreenshot(page, testInfo, "reader-57-annotations-1366");
    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page)).toBe(false);
    await attachScreenshot(page, testInfo, "reader-57-annotations-390");
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

test.describe("the dark scheme", () => {
  test.use({ viewport: WIDE, colorScheme: "dark" });

  test("[A11Y] highlights of every colour, their cards and the density bar pass axe in the dark scheme too", async ({ page }, testInfo) => {
    const id = await newReader(page, "Dark Reader");
    await openReading(page, id);
    const colours = ["yellow", "green", "blue", "pink"] as const;
    const phrases = ["global information system", "weapons of mass destruction", "Universal Declaration of Human Rights", "SCO"];
    const positions = [2, 5, 10, 1];
    for (const [index, color] of colours.entries()) {
      await postThroughApi(page.request, id, {
        courseId: null,
        kind: "COMMENT",
        color,
        target: await rangeOf(page, positions[index]!, phrases[index]!),
        body: doc(`A ${color} comment`),
      });
    }
    await page.reload();
    await expect(page.locator(".margin-track[data-placed]")).toBeAttached();
    for (const color of colours) await expect(page.locator(`mark.hl-${color}`).first()).toBeVisible();
    await attachScreenshot(page, testInfo, "wide-dark-scheme");
    await expectNoSeriousAxeViolations(page);
  });
});

/**
 * Records every element that is given the short-lived arrival mark (class "is-arriving", removed
 * after a moment): on a busy machine the mark may come and go before an assertion looks at it.
 */
const watchArrivals = (page: Page) =>
  page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { arrived: string[] }).arrived = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as HTMLElement;
        if (element.classList.contains("is-arriving")) seen.push(element.textContent ?? "");
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["class"] });
  });

/** Whether an element holding this text was given the arrival mark since watchArrivals. */
const hasArrived = (page: Page, text: string) =>
  page.evaluate((wanted) => (window as unknown as { arrived: string[] }).arrived.some((seen) => seen.includes(wanted)), text);

test.describe("after posting", () => {
  test.use({ viewport: WIDE });

  test("[FEEDBACK] a new comment's card is scrolled into view, focused and marked, its passage painted; a reply in a thread likewise", async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
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
    await watchArrivals(page);
    await page.keyboard.press("Control+Enter");

    const card = page.locator(".annotation-card", { hasText: "ar21" });
    await expect(card).toBeFocused();
    await expect.poll(() => hasArrived(page, "ar21")).toBe(true);
    await expect(card).toBeInViewport();
    const mark = page.locator("#p-10 mark.hl-active", { hasText: phrase });
    await expect(mark).toBeVisible();
    const distance = (await documentTop(card)) - (await documentTop(mark.first()));
    testInfo.annotations.push({ type: "new-card distance (px)", description: String(Math.round(Math.abs(distance))) });
    expect(Math.abs(distance)).toBeLessThanOrEqual(24);
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
    await watchArrivals(page);
    await page.keyboard.press("Control+Enter");
    const reply = thread.locator("article", { hasText: "rp21" });
    await expect(reply).toBeFocused();
    await expect(reply).toBeInViewport();
    await expect.poll(() => hasArrived(page, "rp21")).toBe(true);
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
    const distance = (await documentTop(page.locator(".composer"))) - (await documentTop(paragraph));
    testInfo.annotations.push({ type: "composer distance below its paragraph's top (px)", description: String(Math.round(distance)) });
    expect(Math.abs(distance)).toBeLessThanOrEqual(PHONE.height);
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

test.describe("signed out", () => {
  test("[LAYOUT] the reading page for a visitor, wide and on a phone: the text first, nothing sideways", async ({ browser }, testInfo) => {
    for (const viewport of [WIDE, PHONE]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const home = await (await page.request.get("/")).text();
      const id = /\/readings\/(?!new\b)([A-Za-z0-9_-]+)/.exec(home)![1]!;
      await page.goto(`/readings/${id}`);
      await expect(page.locator("#p-1 p[data-offset]")).toBeVisible();
      await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
      expect(await scrollsSideways(page)).toBe(false);
      await attachScreenshot(page, testInfo, `signed-out-reading-${viewport.width}`);
      await context.close();
    }
  });
});
