// Instructors' readings from PDF and Word files: upload on "Add a reading", follow the import,
// check the preview, save; the original is kept and served to the reading's readers. The real
// PDFs live outside the repository (../shared/readings/pdf); the 352-page book is imported once.
import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { makeMinimalPdf } from "../scripts/lib/minimal-pdf";
import { sharedPdfPath } from "../scripts/lib/shared-readings";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { selectPhrase } from "./fixtures/selection";

const WORD_SAMPLE = path.join(import.meta.dirname, "fixtures", "readings", "scholia-word-sample.docx");
const SAVED_READING_URL = /\/readings\/(?!new$|imports\/)[A-Za-z0-9_-]+$/;
/** A long import on a busy machine: the book's import and its check on save. */
const IMPORT_TIMEOUT = 240_000;

async function createCourse(page: Page): Promise<{ courseId: string; joinCode: string }> {
  const created = await page.request.post("/api/courses", { data: { title: `Imports ${randomUUID().slice(0, 6)}`, term: "" } });
  expect(created.status()).toBe(201);
  const { id, joinCode } = (await created.json()) as { id: string; joinCode: string };
  return { courseId: id, joinCode };
}

async function saveReading(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Save reading" }).click();
  await page.waitForURL(SAVED_READING_URL, { timeout: IMPORT_TIMEOUT });
  return new URL(page.url()).pathname.split("/").pop()!;
}

async function studentInCourse(browser: Browser, joinCode: string): Promise<Page> {
  const context = await browser.newContext();
  const student = await context.newPage();
  await signInViaApi(student, await createAccount(student.request, "Sam Student"));
  expect((await student.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);
  return student;
}

test.describe("instructors' readings from documents", () => {
  test("[IMPORT] a two-column paper: upload, progress, faithful preview, save with pages, the original kept; a student annotates it", async ({
    page,
    browser,
  }) => {
    test.setTimeout(IMPORT_TIMEOUT * 2);
    await signInViaApi(page, await createAccount(page.request, "Ines Instructor"));
    const { courseId, joinCode } = await createCourse(page);
    await page.goto("/readings/new");
    await expect(page.getByRole("heading", { level: 1, name: "Add a reading" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel("PDF or Word file", { exact: true }).setInputFiles(sharedPdfPath("tracemonkey.pdf"));
    await page.getByRole("button", { name: "Upload file" }).click();
    await page.waitForURL(/\/readings\/imports\/[A-Za-z0-9_-]+$/);
    const importId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1, name: "Import “tracemonkey.pdf”" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Save this reading" })).toBeVisible({ timeout: IMPORT_TIMEOUT });

    // The preview: the title found on page 1, what was kept and left out, contents, paragraphs with pages.
    await expect(page.getByLabel("Title")).toHaveValue("Trace-based Just-in-Time Type Specialization for Dynamic Languages");
    const summary = page.getByRole("region", { name: "What the import kept and left out" });
    await expect(summary).toContainText("14 pages, each paragraph with the page it starts on");
    await expect(summary).toContainText("lines of text inside figures");
    const contents = page.getByRole("navigation", { name: "Contents" });
    await expect(contents.getByRole("link", { name: "1. Introduction" })).toBeVisible();
    const preview = page.getByRole("region", { name: /^Preview: \d+ paragraphs/ });
    const abstract = preview.locator("li", { hasText: "Dynamic languages such as JavaScript are more difficult to compile" });
    await expect(abstract).toContainText("for certain benchmark programs.");
    await expect(abstract.locator(".paragraph-page")).toHaveText("p. 1");
    await expect(preview.getByRole("heading", { name: "Abstract" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    const readingId = await saveReading(page);
    await expect(
      page.getByRole("heading", { level: 1, name: "Trace-based Just-in-Time Type Specialization for Dynamic Languages" }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "1. Introduction" })).toBeVisible();
    const introduction = page.locator("li.paragraph", { hasText: "client-side web programming and is used for the application logic" });
    await expect(introduction.getByRole("link", { name: "Page 1 of the original PDF" })).toHaveAttribute(
      "href",
      `/api/readings/${readingId}/original#page=1`,
    );
    await expect(page.locator("li.paragraph", { hasText: "¹ Arrays are actually worse than this" }).locator("p.kind-note")).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // The original, byte for byte, for those who may read the reading.
    const original = await page.request.get(`/api/readings/${readingId}/original`);
    expect(original.status()).toBe(200);
    expect(original.headers()["content-type"]).toBe("application/pdf");
    expect((await original.body()).equals(readFileSync(sharedPdfPath("tracemonkey.pdf")))).toBe(true);

    // Assigned to the course, pages 1–5 only (a page past the paper's end is refused, what was typed kept).
    await page.goto(`/courses/${courseId}/assignments/new?reading=${readingId}`);
    await page.getByLabel("Title").fill("Read pages 1–5 of the TraceMonkey paper");
    await page.getByRole("radio", { name: "Pages (of 14)" }).check();
    await page.getByLabel("First page").fill("1");
    await page.getByLabel("Last page").fill("20");
    await page.getByRole("button", { name: "Assign" }).click();
    await expect(page.getByText("The reading ends on page 14.")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue("Read pages 1–5 of the TraceMonkey paper");
    await page.getByLabel("Last page").fill("5");
    await page.getByRole("button", { name: "Assign" }).click();
    await page.waitForURL(new RegExp(`/courses/${courseId}/assignments/[^/?]+\\?created=1$`));
    // A student opens it at the assigned pages and highlights a passage.
    const student = await studentInCourse(browser, joinCode);
    const studentOriginal = await student.request.get(`/api/readings/${readingId}/original?download=1`);
    expect(studentOriginal.status()).toBe(200);
    expect(studentOriginal.headers()["content-disposition"]).toContain('attachment; filename="tracemonkey.pdf"');
    await student.goto(`/readings/${readingId}?course=${courseId}`);
    await expect(student.getByTestId("assigned-pages-note")).toContainText("Assigned: pages 1–5");
    const position = await student.locator("li.paragraph", { hasText: "client-side web programming" }).getAttribute("id");
    await expect(student.locator(".live-status")).toHaveText("Live");
    await selectPhrase(student, Number(position!.slice(2)), "client-side web programming");
    await student.getByRole("toolbar", { name: "Annotate the selected text" }).getByRole("button", { name: "Highlight green" }).click();
    await expect(student.locator(`#${position} mark.hl-green`)).toHaveText("client-side web programming");
    await student.context().close();

    // Anyone else: the same 404 as for a missing reading.
    const outsider = await browser.newContext();
    const outsiderPage = await outsider.newPage();
    await signInViaApi(outsiderPage, await createAccount(outsiderPage.request, "Olga Outsider"));
    expect((await outsiderPage.request.get(`/api/readings/${readingId}/original`)).status()).toBe(404);
    // Nor does anyone but the uploader see the import: the same 404 as a missing one.
    const importStatus = await outsiderPage.request.get(`/api/reading-imports/${importId}`);
    const missingImport = await outsiderPage.request.get(`/api/reading-imports/does-not-exist`);
    expect(importStatus.status()).toBe(404);
    expect(await importStatus.json()).toEqual(await missingImport.json());
    await outsider.close();
  });

  test("[IMPORT] a 352-page book: progress by page, every chapter of its contents a heading, the preview in parts", async ({ page }) => {
    test.setTimeout(IMPORT_TIMEOUT * 2);
    await signInViaApi(page, await createAccount(page.request, "Bo Book"));
    await createCourse(page);
    await page.goto("/readings/new");
    await page.getByLabel("PDF or Word file", { exact: true }).setInputFiles(sharedPdfPath("freeculture.pdf"));
    await page.getByRole("button", { name: "Upload file" }).click();
    await page.waitForURL(/\/readings\/imports\/[A-Za-z0-9_-]+$/);
    // Progress is shown while the book is read (the import takes seconds), announced politely.
    const progress = page.getByTestId("import-progress");
    await expect(progress.getByRole("status")).toHaveText(
      /Waiting for another import|Reading page \d+ of 352|Read all 352 pages|Reading the document/,
    );
    await expectNoSeriousAxeViolations(page);
    await expect(page.getByRole("heading", { name: "Save this reading" })).toBeVisible({ timeout: IMPORT_TIMEOUT });

    await expect(page.getByLabel("Title")).toHaveValue("Free Culture");
    const summary = page.getByRole("region", { name: "What the import kept and left out" });
    await expect(summary).toContainText("352 pages");
    await expect(summary).toContainText("Running header or footer “<http://free-culture.org/get-it>”");
    const contents = page.getByRole("navigation", { name: "Contents" });
    for (const chapter of [
      "PREFACE",
      "CHAPTER ONE: Creators",
      "CHAPTER TWO: “Mere Copyists”",
      "CHAPTER FOURTEEN: Eldred II",
      "CONCLUSION",
      "NOTES",
      "INDEX",
    ]) {
      await expect(contents.getByRole("link", { name: chapter, exact: true })).toBeVisible();
    }
    // The preview shows a part at a time; contents links open the right part.
    await expect(page.getByRole("heading", { name: /^Preview: \d+ paragraphs \(part 1 of \d+/ })).toBeVisible();
    await contents.getByRole("link", { name: "CHAPTER ONE: Creators", exact: true }).click();
    await expect(page).toHaveURL(/part=\d+#preview-p-\d+$/);
    await expect(page.locator("ol.import-preview-paragraphs").getByRole("heading", { name: "CHAPTER ONE: Creators" })).toBeVisible();
    await expect(page.locator("ol.import-preview-paragraphs")).not.toContainText("FREE CULTURE");

    const readingId = await saveReading(page);
    await expect(page.getByRole("heading", { level: 1, name: "Free Culture" })).toBeVisible();
    const original = await page.request.get(`/api/readings/${readingId}/original`);
    expect(original.status()).toBe(200);
    expect((await original.body()).length).toBe(statSync(sharedPdfPath("freeculture.pdf")).size);

    // The saved book is read a section at a time: the page never holds the whole book.
    const sections = page.getByRole("navigation", { name: "Sections of this reading" });
    await expect(sections).toContainText(/Section 1 of \d+/);
    expect(await page.locator("li.paragraph").count()).toBeLessThan(200);
    await expectNoSeriousAxeViolations(page);
    // Keyboard: open the contents and follow a chapter.
    await sections.getByText("Contents", { exact: true }).focus();
    await page.keyboard.press("Enter");
    await sections.getByRole("link", { name: "CHAPTER ONE: Creators", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\?at=\d+#p-\d+$/);
    await expect(page.getByTestId("current-section")).toHaveText("CHAPTER ONE: Creators");
    await expect(page.locator("li.paragraph").getByRole("heading", { name: "CHAPTER ONE: Creators" })).toBeVisible();
    await expect(page.locator("li.paragraph").getByRole("heading", { name: "PREFACE" })).toHaveCount(0);
    // A link to a paragraph in another section (#p-N, as search results and notifications write it) opens that section.
    const lastPosition = Number((await page.locator("li.paragraph").last().getAttribute("id"))!.slice(2));
    await page.goto(`/readings/${readingId}#p-${lastPosition + 1}`);
    await expect(page).toHaveURL(new RegExp(`\\?at=${lastPosition + 1}#p-${lastPosition + 1}$`));
    await expect(page.locator(`#p-${lastPosition + 1}`)).toBeVisible();
    await expect(page.getByTestId("current-section")).not.toHaveText("CHAPTER ONE: Creators");
  });

  test("[IMPORT] a Word document: its structure previewed, what is left out said; keyboard only", async ({ page }) => {
    test.setTimeout(IMPORT_TIMEOUT);
    await signInViaApi(page, await createAccount(page.request, "Wanda Word"));
    await createCourse(page);
    await page.goto("/readings/new");
    const input = page.getByLabel("PDF or Word file", { exact: true });
    await input.setInputFiles(WORD_SAMPLE);
    await input.focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Upload file" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/readings\/imports\//);
    await expect(page.getByRole("heading", { name: "Save this reading" })).toBeVisible({ timeout: IMPORT_TIMEOUT });
    const summary = page.getByRole("region", { name: "What the import kept and left out" });
    await expect(summary).toContainText("1 image (the original file is kept: download it to see them)");
    await expect(summary).toContainText("Tables are not rebuilt: 1 table, each row kept as a paragraph (cells separated by |)");
    const preview = page.getByRole("region", { name: /^Preview:/ });
    await expect(preview.getByRole("heading", { name: "Why the margin matters" })).toBeVisible();
    await expect(preview).toContainText("Close reading asks the reader to slow down and attend to every word on the page.¹");
    await expect(preview).toContainText("¹ The phrase goes back to the New Critics of the 1930s.");
    await expect(preview).toContainText("2. Ask one question about it.");
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel("Title").focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Save reading" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.waitForURL(SAVED_READING_URL, { timeout: IMPORT_TIMEOUT });
    await expect(page.getByRole("heading", { level: 1, name: "Reading Closely in a Word Document" })).toBeVisible();
    const link = page.getByTestId("original-file-link");
    await expect(link).toHaveText("scholia-word-sample.docx");
    const download = await page.request.get((await link.getAttribute("href"))!);
    expect(download.headers()["content-disposition"]).toContain("attachment;");
    expect((await download.body()).equals(readFileSync(WORD_SAMPLE))).toBe(true);
  });

  test("[IMPORT] a scan, a locked PDF, a file of another kind and one over the cap are refused with clear messages", async ({ page }) => {
    test.setTimeout(IMPORT_TIMEOUT);
    await signInViaApi(page, await createAccount(page.request, "Rita Refused"));
    await createCourse(page);

    await uploadAndRefuse(page, {
      name: "scan.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(makeMinimalPdf([{ lines: [] }, { lines: [] }, { lines: [] }])),
    });
    const failure = page.locator(".import-failed");
    await expect(failure).toContainText("no text to read");
    await expect(failure).toContainText("no OCR");
    await expectNoSeriousAxeViolations(page);

    const locked = makeMinimalPdf([{ lines: [{ text: "Secret.", x: 72, y: 700 }] }], { requiresPassword: true });
    await uploadAndRefuse(page, { name: "locked.pdf", mimeType: "application/pdf", buffer: Buffer.from(locked) });
    await expect(page.locator(".import-failed")).toContainText("protected by a password");

    // Refused on upload, before anything is kept: the message is beside the field, focus on it.
    await page.goto("/readings/new");
    const input = page.getByLabel("PDF or Word file", { exact: true });
    await input.setInputFiles({ name: "slides.pdf", mimeType: "application/pdf", buffer: Buffer.from("PK\u0003\u0004 not a pdf") });
    await page.getByRole("button", { name: "Upload file" }).click();
    await expect(page.locator("#document-file-error")).toContainText("is not a PDF or a Word (.docx) file");
    await expect(input).toBeFocused();
    await expect(input).toHaveAttribute("aria-invalid", "true");

    // Over the cap: refused in the browser before it is sent, and by the server for any client.
    await input.setInputFiles({ name: "huge.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(20_000_100, "%PDF-1.4\n") });
    await page.getByRole("button", { name: "Upload file" }).click();
    await expect(page.locator("#document-file-error")).toContainText("files can be at most 20 MB");
    const direct = await page.request.post("/api/reading-imports", {
      multipart: { file: { name: "huge.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(20_000_100, "%PDF-1.4\n") } },
    });
    expect(direct.status()).toBe(413);
    expect(((await direct.json()) as { error: { message: string } }).error.message).toContain("at most 20 MB");
  });

  test("[IMPORT] without JavaScript: the upload posts itself, the import page refreshes to the preview, the save works", async ({
    browser,
  }) => {
    test.setTimeout(IMPORT_TIMEOUT);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInViaApi(page, await createAccount(page.request, "Nadia NoScript"));
    await createCourse(page);
    await page.goto("/readings/new");
    await page.getByLabel("PDF or Word file", { exact: true }).setInputFiles(WORD_SAMPLE);
    await page.getByRole("button", { name: "Upload file" }).click();
    await page.waitForURL(/\/readings\/imports\//);
    await expect(page.getByRole("heading", { name: "Save this reading" })).toBeVisible({ timeout: IMPORT_TIMEOUT });
    await page.getByRole("button", { name: "Save reading" }).click();
    await page.waitForURL(SAVED_READING_URL, { timeout: IMPORT_TIMEOUT });
    await expect(page.getByRole("heading", { level: 1, name: "Reading Closely in a Word Document" })).toBeVisible();

    // A refusal comes back to the form with a fixed message.
    await page.goto("/readings/new");
    await page
      .getByLabel("PDF or Word file", { exact: true })
      .setInputFiles({ name: "notes.pdf", mimeType: "text/plain", buffer: Buffer.from("plain words") });
    await page.getByRole("button", { name: "Upload file" }).click();
    await page.waitForURL(/\/readings\/new\?upload=not-a-document$/);
    await expect(page.locator("#document-file-error")).toContainText("not a PDF or a Word (.docx) file");
    await context.close();
  });
});

async function uploadAndRefuse(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.goto("/readings/new");
  await page.getByLabel("PDF or Word file", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "Upload file" }).click();
  await page.waitForURL(/\/readings\/imports\//);
  await expect(page.getByRole("heading", { name: "This file was not imported" })).toBeVisible({ timeout: IMPORT_TIMEOUT });
  await expect(page.getByRole("link", { name: "Upload another file" })).toBeVisible();
}
