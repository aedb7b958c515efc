import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { DEMO_COURSE, joinDemoCourse, openInCourse, readingId } from "./fixtures/demo-course";
import { statement } from "./fixtures/reading";
import { selectPhrase } from "./fixtures/selection";
import { readApiError, readJson, type W3CAnnotation, type W3CAnnotationPage } from "./fixtures/json";

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

test.describe("highlights and commentary", () => {
  test("[HIGHLIGHTS] select text, highlight it green; the server paints the <mark>", async ({ page }) => {
    const account = await joinDemoCourse(page, "Hana Highlighter");
    const id = await readingId(page);
    await openInCourse(page, id);
    const phrase = "global information system";
    await selectPhrase(page, 2, phrase);
    const toolbar = page.getByRole("toolbar", { name: "Annotate the selected text" });
    await expect(toolbar).toBeVisible();
    await toolbar.getByRole("button", { name: "Highlight green" }).click();
    const mark = page.locator("#p-2 mark.hl-green", { hasText: phrase });
    await expect(mark).toHaveText(phrase);
    await expect(page.getByRole("complementary", { name: "Annotations" })).toContainText(`Highlight by ${account.name}`);

    // Painted on the server: the HTML itself carries the mark, no script needed.
    const html = await (await page.request.get(`/readings/${id}?course=${DEMO_COURSE}`)).text();
    expect(html).toMatch(new RegExp(`<mark[^>]*class="hl hl-green[^"]*"[^>]*>${phrase}</mark>`));

    // Clicking the highlight focuses its card.
    await mark.click();
    await expect(page.locator(".annotation-card.is-active")).toContainText(`Highlight by ${account.name}`);
    // …and the card's "Show in text" finds the highlight's marks by where they sit in the text.
    await page.locator(".annotation-card.is-active").getByRole("button", { name: "Show in text" }).click();
    await expect(mark).toHaveClass(/hl-active/);
    await expect(mark).toBeFocused();
  });

  test("[COMMENTS] keyboard only: comment on a whole paragraph, focus comes back, the count is announced", async ({ page }) => {
    const account = await joinDemoCourse(page, "Kim Keyboard");
    const id = await readingId(page);
    await openInCourse(page, id);
    const trigger = page.getByRole("button", { name: /^Comment on paragraph 6/ });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const editor = page.getByRole("textbox", { name: "Post on paragraph 6" });
    await expect(editor).toBeFocused();
    await page.keyboard.type("Culture and religion are named as security matters here.");
    await page.keyboard.press("Control+Enter");
    const card = page.locator(".annotation-card", { hasText: "Culture and religion are named" }).filter({ hasText: account.name });
    await expect(card).toContainText(`Paragraph post by ${account.name}`);
    // The new card is brought to the reader and focused (#13.11); the paragraph's count follows.
    await expect(card).toBeFocused();
    await expect(card).toBeInViewport();
    await expect(page.getByRole("button", { name: /^Comment on paragraph 6 \(\d+ posts?\)/ })).toBeVisible();
    await expect(page.locator("#p-6 .post-count")).toHaveAttribute("data-label", /\d+ posts?/);
  });

  test("[COMMENTS] a new post that sorts beyond the loaded page still shows its card to its author at once", async ({ page }) => {
    const account = await createAccount(page.request, "Busy Reader");
    await signInViaApi(page, account);
    const id = await readingId(page);
    // 55 notes on paragraph 1: the margin's first page (50) ends before paragraph 10.
    for (let index = 0; index < 55; index += 1) {
      const made = await page.request.post(`/api/readings/${id}/annotations`, {
        data: { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc(`Filler note ${index}`) },
      });
      expect(made.status()).toBe(201);
    }
    await page.goto(`/readings/${id}`);
    await expect(page.getByText("50 of 55 posts shown.")).toBeVisible();
    await page.getByRole("button", { name: /^Comment on paragraph 10/ }).click();
    await page.getByRole("textbox", { name: "Post on paragraph 10" }).click();
    await page.keyboard.type("My note on the last paragraph lp10");
    await page.keyboard.press("Control+Enter");
    await expect(page.locator(".annotation-card", { hasText: "lp10" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Load more \(5 more\)/ })).toBeVisible();
    // Loading the rest keeps one card for it, after the fillers (document order).
    await page.getByRole("button", { name: /^Load more/ }).click();
    // Beside the text, paragraph 1's 55 notes are one summary: the loaded ones join it (not shown
    // twice), and focus goes to it since the button is gone. Opened in place, they are all there.
    const summary = page.getByRole("button", { name: /^55 posts on this paragraph/ });
    await expect(summary).toBeFocused();
    await expect(page.locator(".annotation-card", { hasText: "Filler note 54" })).toBeHidden();
    await summary.click();
    await expect(page.locator(".annotation-card", { hasText: "Filler note 54" })).toBeVisible();
    await expect(page.locator(".annotation-card", { hasText: "lp10" })).toHaveCount(1);
    const texts = await page.locator(".annotation-card .annotation-body").allTextContents();
    expect(texts.at(-1)).toContain("lp10");

    // A refresh (here: the live event of one more post) keeps what "Load more" brought: the
    // summary counts 56, nothing is to load again, and the loaded cards stay open in place.
    const another = await page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("Filler note 55") },
    });
    expect(another.status()).toBe(201);
    await expect(page.getByRole("button", { name: /^56 posts on this paragraph/ })).toBeVisible();
    await expect(page.getByText("57 of 57 posts shown.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Load more/ })).toHaveCount(0);
    await expect(page.locator(".annotation-card", { hasText: "Filler note 54" })).toBeVisible();
    await expect(page.locator(".annotation-card", { hasText: "lp10" })).toHaveCount(1);
  });

  test("[COMMENTS] a selection made with the keyboard gets the toolbar by shortcut; the comment keeps bold text", async ({ page }) => {
    await joinDemoCourse(page, "Sam Shortcut");
    const id = await readingId(page);
    await openInCourse(page, id);
    await selectPhrase(page, 5, "weapons of mass destruction");
    await expect(page.getByRole("toolbar", { name: "Annotate the selected text" })).toBeVisible();
    await page.keyboard.press("Alt+Shift+A");
    await expect(page.getByRole("button", { name: "Highlight yellow" })).toBeFocused();
    await page.keyboard.press("Alt+Shift+C");
    const editor = page.getByRole("textbox", { name: "Comment on the selection" });
    await expect(editor).toBeFocused();
    await page.keyboard.press("Control+b");
    await page.keyboard.type("Strong analogy");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const card = page.locator(".annotation-card", { hasText: "Strong analogy" });
    await expect(card.locator(".annotation-body strong")).toHaveText("Strong analogy");
    await expect(card.locator(".annotation-quote")).toHaveText("weapons of mass destruction");
    await expect(page.locator("#p-5 mark", { hasText: "weapons of mass destruction" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  test("[COMMENTS] a draft survives an accidental reload", async ({ page }) => {
    await joinDemoCourse(page, "Dee Draft");
    const id = await readingId(page);
    await openInCourse(page, id);
    await page.getByRole("button", { name: /^Comment on paragraph 8/ }).click();
    await page.getByRole("textbox", { name: "Post on paragraph 8" }).click();
    await page.keyboard.type("Half-written thought about the UN");
    await page.reload();
    await page.getByRole("button", { name: /^Comment on paragraph 8/ }).click();
    await expect(page.getByText(/^Draft restored/)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Post on paragraph 8" })).toHaveText("Half-written thought about the UN");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: /^Comment on paragraph 8/ }).click();
    await expect(page.getByText(/^Draft restored/)).toHaveCount(0);
  });

  test("[COMMENTS] an empty comment is refused with a message and nothing is posted", async ({ page }) => {
    await joinDemoCourse(page, "Eve Empty");
    const id = await readingId(page);
    await openInCourse(page, id);
    await page.getByRole("button", { name: /^Comment on paragraph 9/ }).click();
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await expect(page.getByRole("complementary").getByRole("alert")).toHaveText("Write something before posting.");
  });

  test("[COMMENTS] the author edits (shown as edited) and deletes a comment", async ({ page }) => {
    await joinDemoCourse(page, "Ed Editor");
    const id = await readingId(page);
    const created = await page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 7 }, body: doc("First version of my point") },
    });
    expect(created.status()).toBe(201);
    await openInCourse(page, id);
    const card = page.locator(".annotation-card", { hasText: "First version of my point" });
    await card.getByRole("button", { name: "Edit" }).click();
    const editor = page.getByRole("textbox", { name: "Edit your post" });
    await editor.click();
    await page.keyboard.press("End");
    await page.keyboard.type(", revised");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const edited = page.locator(".annotation-card", { hasText: "First version of my point, revised" });
    await expect(edited).toContainText("(edited)");
    page.once("dialog", (dialog) => void dialog.accept());
    await edited.getByRole("button", { name: "Delete" }).click();
    await expect(page.locator(".annotation-card", { hasText: "First version of my point" })).toHaveCount(0);
  });

  test("[SECURITY] HTML typed into a comment is shown as text, never run", async ({ page }) => {
    const account = await joinDemoCourse(page, "Mal Markup");
    const id = await readingId(page);
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const created = await page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: doc(payload) },
    });
    expect(created.status()).toBe(201);
    const link = await page.request.post(`/api/readings/${id}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 3 },
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
            },
          ],
        },
      },
    });
    expect(link.status()).toBe(400);
    expect((await readApiError(link)).message).toContain("Links must start with http://, https:// or mailto:");
    await openInCourse(page, id);
    const card = page.locator(".annotation-card", { hasText: "<img src=x" }).filter({ hasText: account.name });
    await expect(card.locator(".annotation-body")).toContainText(payload);
    await expect(card.locator(".annotation-body img, .annotation-body script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test("[VISIBILITY] a private note never shows to a classmate, on the page or through the API", async ({ page, browser }) => {
    await joinDemoCourse(page, "Pia Private");
    const id = await readingId(page);
    const note = await page.request.post(`/api/readings/${id}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 2 },
        body: doc("my private reminder 7f3a"),
        visibility: "PRIVATE",
      },
    });
    expect(note.status()).toBe(201);
    const noteUrl = note.headers()["location"]!;

    const classmate = await (await browser.newContext()).newPage();
    await joinDemoCourse(classmate, "Cal Classmate");
    await classmate.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await expect(classmate.getByRole("complementary", { name: "Annotations" })).toBeVisible();
    await expect(classmate.getByText("my private reminder 7f3a")).toHaveCount(0);
    expect((await classmate.request.get(noteUrl)).status()).toBe(404);
    const list = await classmate.request.get(`/api/readings/${id}/annotations?course=${DEMO_COURSE}&pageSize=200`);
    expect(JSON.stringify(await list.json())).not.toContain("7f3a");
    expect((await classmate.request.delete(noteUrl)).status()).toBe(404);
  });

  test("[API] Web Annotation JSON: 201 with Location, selectors, paging, 204 on delete, 4xx on bad input", async ({ page }) => {
    await joinDemoCourse(page, "Api Ari");
    const id = await readingId(page);
    const paragraph = statement.paragraphs[4]!;
    const start = paragraph.startOffset + paragraph.text.indexOf("catastrophe");
    const created = await page.request.post(`/api/readings/${id}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "COMMENT",
        target: { start, end: start + "catastrophe".length },
        body: doc("Strong word"),
        tags: ["Rhetoric"],
      },
    });
    expect(created.status()).toBe(201);
    expect(created.headers()["content-type"]).toContain("application/ld+json");
    const annotation = await readJson<W3CAnnotation>(created);
    expect(created.headers()["location"]).toBe(annotation.id);
    expect(annotation).toMatchObject({ type: "Annotation", motivation: "commenting" });
    // The Web Annotation context, and the scholia: prefix registered in a context object of its own.
    expect(annotation["@context"]).toEqual(["http://www.w3.org/ns/anno.jsonld", { scholia: expect.stringMatching(/\/ns\/scholia#$/) }]);
    expect(annotation.target.selector).toEqual([
      { type: "TextPositionSelector", start, end: start + 11 },
      expect.objectContaining({ type: "TextQuoteSelector", exact: "catastrophe" }),
    ]);
    expect(annotation.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "TextualBody", value: "rhetoric", purpose: "tagging" })]),
    );

    const fetched = await page.request.get(annotation.id);
    expect(fetched.status()).toBe(200);
    const pageOne = await readJson<W3CAnnotationPage>(
      await page.request.get(`/api/readings/${id}/annotations?course=${DEMO_COURSE}&page=1&pageSize=1`),
    );
    expect(pageOne.type).toBe("AnnotationPage");
    expect(pageOne.items).toHaveLength(1);
    expect(pageOne.partOf.total).toBeGreaterThanOrEqual(1);

    const bad = [
      { courseId: DEMO_COURSE, kind: "HIGHLIGHT", target: { start: 10, end: 5 } },
      { courseId: DEMO_COURSE, kind: "HIGHLIGHT", target: { start: -1, end: 5 } },
      { courseId: DEMO_COURSE, kind: "HIGHLIGHT", target: { start: 0, end: 10_000_000 } },
      { courseId: DEMO_COURSE, kind: "COMMENT", target: { start: 0, end: 5 }, body: { type: "doc", content: [{ type: "image" }] } },
      { courseId: DEMO_COURSE, kind: "SCRIBBLE", target: { start: 0, end: 5 } },
      { courseId: "no-such-course", kind: "HIGHLIGHT", target: { start: 0, end: 5 } },
      "not json at all",
    ];
    for (const body of bad) {
      const response = await page.request.post(
        `/api/readings/${id}/annotations`,
        typeof body === "string" ? { data: body, headers: { "content-type": "application/json" } } : { data: body },
      );
      expect([400, 404], JSON.stringify(body)).toContain(response.status());
      expect((await readApiError(response)).message.length).toBeGreaterThan(5);
    }
    const plainText = await page.request.post(`/api/readings/${id}/annotations`, {
      data: JSON.stringify({ courseId: DEMO_COURSE, kind: "HIGHLIGHT", target: { start: 0, end: 5 } }),
      headers: { "content-type": "text/plain" },
    });
    expect(plainText.status()).toBe(415);
    const deleted = await page.request.delete(annotation.id);
    expect(deleted.status()).toBe(204);
    expect((await page.request.get(annotation.id)).status()).toBe(404);
  });

  test("[API] without a session the annotation API answers 401", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const id = /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    const response = await request.post(`/api/readings/${id}/annotations`, { data: { kind: "HIGHLIGHT", target: { start: 0, end: 5 } } });
    expect(response.status()).toBe(401);
    expect((await request.get(`/api/readings/${id}/annotations`)).status()).toBe(401);
  });
});
