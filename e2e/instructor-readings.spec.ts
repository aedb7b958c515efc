import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { selectPhrase } from "./fixtures/selection";

const OPENING = "Close reading asks the reader to slow down and attend to every word on the page.";
const MIDDLE = "Annotations in the margin let a class see where attention gathers and where it thins out.";
const DOOMED = "This sentence is a passage that the next version of the reading will remove completely.";
/** A saved reading's page (not /readings/new, where the form is). */
const SAVED_READING_URL = /\/readings\/(?!new$)[A-Za-z0-9_-]+$/;
const CLOSING = "A good discussion returns to the text and cites the words it is talking about.";

/** A new instructor (creates a course through the API), signed in. */
async function signInAsInstructor(page: Page, name: string): Promise<{ account: TestAccount; courseId: string; courseTitle: string }> {
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  const courseTitle = `Reading Lab ${randomUUID().slice(0, 6)}`;
  const created = await page.request.post("/api/courses", { data: { title: courseTitle, term: "" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  return { account, courseId: id, courseTitle };
}

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

test.describe("instructors' readings", () => {
  // Long journeys (import, preview, save, annotate, edit, preview again): 30 s was too little on a
  // 2-core machine while the other shard imports a 352-page PDF.
  test.describe.configure({ timeout: 90_000 });
  test("[READINGS] import a Markdown file, preview, save, annotate, edit: the annotations follow the edit, the lost one is listed", async ({
    page,
  }) => {
    const { courseId, courseTitle } = await signInAsInstructor(page, "Ines Instructor");
    const title = `Reading Closely ${randomUUID().slice(0, 6)}`;
    const markdown = [`# ${title}`, "", OPENING, "", `**${MIDDLE.slice(0, 11)}**${MIDDLE.slice(11)}`, "", DOOMED, "", CLOSING, ""].join(
      "\n",
    );

    await page.goto("/");
    await page.getByRole("link", { name: "Add a reading" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add a reading" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await page
      .getByLabel("Upload a file")
      .setInputFiles({ name: "closely.md", mimeType: "text/markdown", buffer: Buffer.from(`\uFEFF${markdown}`, "utf8") });
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: `Preview: ${title}` });
    await expect(preview).toBeVisible();
    await expect(preview.getByRole("listitem")).toHaveText([OPENING, MIDDLE, DOOMED, CLOSING]);
    // The file's text is now in the box (the file itself is not sent again) and Markdown was chosen.
    await expect(page.getByLabel("Text", { exact: true })).toHaveValue(markdown);
    await expect(page.getByLabel("Markdown")).toBeChecked();
    await expectNoSeriousAxeViolations(page);
    await preview.getByRole("button", { name: "Save reading" }).click();

    await page.waitForURL(SAVED_READING_URL);
    const readingId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.locator("#p-2 p[data-offset]")).toHaveText(MIDDLE);
    const assignLink = page.getByRole("link", { name: `Assign in ${courseTitle}` });
    await expect(assignLink).toHaveAttribute("href", `/courses/${courseId}/assignments/new?reading=${readingId}`);

    // Annotate: a highlight through the selection toolbar, and a comment on the passage to be removed.
    await expect(page.locator(".live-status")).toHaveText("Live");
    await selectPhrase(page, 2, "where attention gathers");
    await page.getByRole("toolbar", { name: "Annotate the selected text" }).getByRole("button", { name: "Highlight green" }).click();
    await expect(page.locator("#p-2 mark.hl-green")).toHaveText("where attention gathers");
    const text = [OPENING, MIDDLE, DOOMED, CLOSING].join("\n\n");
    const start = text.indexOf("remove completely");
    const comment = await page.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId: null, kind: "COMMENT", target: { start, end: start + "remove completely".length }, body: doc("Why remove this?") },
    });
    expect(comment.status()).toBe(201);

    // Edit: a paragraph inserted before the highlight, a word changed elsewhere, a passage removed.
    await page.getByRole("link", { name: "Edit the text" }).click();
    await expect(page.getByLabel("Text", { exact: true })).toHaveValue(text);
    const inserted = "A new paragraph comes first now, before everything else.";
    const edited = [inserted, OPENING.replace("slow down", "calm down"), MIDDLE, CLOSING].join("\n\n");
    await page.getByLabel("Text", { exact: true }).fill(edited);
    await page.getByRole("button", { name: "Preview" }).click();
    const editPreview = page.getByRole("region", { name: /^Preview: / });
    await expect(editPreview).toContainText("1 changed, 1 added, 1 removed");
    await expect(editPreview).toContainText("1 annotation you can see would lose its place");
    await editPreview.getByRole("button", { name: "Save new version" }).click();

    await page.waitForURL(new RegExp(`/readings/${readingId}$`));
    await expect(page.locator("#p-2 p[data-offset]")).toContainText("calm down");
    // The highlight is on the same words, now in paragraph 3.
    await expect(page.locator("#p-3 mark.hl-green")).toHaveText("where attention gathers");
    await expect(page.getByText("Version 2.")).toBeVisible();
    const orphans = page.getByRole("region", { name: "Annotations that lost their place" });
    await expect(orphans).toContainText("remove completely");
    await expect(orphans).toContainText("Why remove this?");
    await expect(orphans).toContainText(`Comment by you`);
    await expectNoSeriousAxeViolations(page);
  });

  test("[READINGS] keyboard only: paste a text, preview and save without a mouse", async ({ page }) => {
    await signInAsInstructor(page, "Kai Keys");
    await page.goto("/readings/new");
    const title = `Typed Reading ${randomUUID().slice(0, 6)}`;
    await page.getByLabel("Title").focus();
    await page.keyboard.type(title);
    await page.keyboard.press("Tab"); // Format: Plain text
    await expect(page.getByLabel("Plain text")).toBeFocused();
    await page.keyboard.press("Tab"); // Upload a file
    await page.keyboard.press("Tab"); // Text
    await expect(page.getByLabel("Text", { exact: true })).toBeFocused();
    await page.keyboard.insertText(`${OPENING}\n\n${CLOSING}`);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Preview" })).toBeFocused();
    await page.keyboard.press("Enter");
    // Focus moves to the preview, whose Save button comes next in the tab order.
    const heading = page.getByRole("heading", { name: `Preview: ${title}` });
    await expect(heading).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Save reading" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.waitForURL(SAVED_READING_URL);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.locator("#p-2 p[data-offset]")).toHaveText(CLOSING);
  });

  test("[READINGS] a binary file is refused with a clear message and what was typed is kept; others cannot open the reading", async ({
    page,
    browser,
  }) => {
    await signInAsInstructor(page, "Bea Binary");
    await page.goto("/readings/new");
    await page.getByLabel("Title").fill("Kept title");
    await page
      .getByLabel("Upload a file")
      .setInputFiles({ name: "image.md", mimeType: "text/markdown", buffer: Buffer.from("GIF89a\u0000\u0000\u0001\u0002\u0003", "utf8") });
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.locator("p.form-status")).toContainText("looks binary");
    await expect(page.getByLabel("Upload a file")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Title")).toHaveValue("Kept title");

    // Over the size limit: a file is refused as it is chosen, pasted text when it is sent; neither is lost.
    await page
      .getByLabel("Upload a file")
      .setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(600 * 1024, "a") });
    await expect(page.locator("#reading-file-error")).toContainText("at most 512 KiB");
    const huge = `${"word ".repeat(120 * 1024)}`;
    await page.getByLabel("Text", { exact: true }).fill(huge);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.locator("#reading-text-error")).toContainText("at most 512 KiB");
    await expect(page.getByLabel("Text", { exact: true })).toBeFocused();
    await expect(page.getByLabel("Text", { exact: true })).toHaveValue(huge);

    // Saved privately: another signed-in user gets the same 404 as for a reading that does not exist.
    await page.getByLabel("Text", { exact: true }).fill(`${OPENING}\n\n${CLOSING}`);
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("button", { name: "Save reading" }).click();
    await page.waitForURL(SAVED_READING_URL);
    const path = new URL(page.url()).pathname;
    const other = await browser.newContext();
    try {
      const otherPage = await other.newPage();
      await signInViaApi(otherPage, await createAccount(otherPage.request, "Olga Other"));
      const response = await otherPage.goto(path);
      expect(response?.status()).toBe(404);
      const api = await otherPage.request.get(`/api/readings${path.slice("/readings".length)}/annotations`);
      expect(api.status()).toBe(404);
      expect(await (await otherPage.request.get("/api/readings/no-such-reading/annotations")).json()).toEqual(await api.json());
    } finally {
      await other.close();
    }
  });

  test("[READINGS] without JavaScript: preview and save still work (the server renders each step)", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signInAsInstructor(page, "Nora NoScript");
      await page.goto("/readings/new");
      const title = `No Script Reading ${randomUUID().slice(0, 6)}`;
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Text", { exact: true }).fill(`${OPENING}\n\n${MIDDLE}`);
      await page.getByRole("button", { name: "Preview" }).click();
      const preview = page.getByRole("region", { name: `Preview: ${title}` });
      await expect(preview.getByRole("listitem")).toHaveText([OPENING, MIDDLE]);
      await expect(page.getByLabel("Text", { exact: true })).toHaveValue(`${OPENING}\n\n${MIDDLE}`);
      await preview.getByRole("button", { name: "Save reading" }).click();
      await page.waitForURL(SAVED_READING_URL);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
