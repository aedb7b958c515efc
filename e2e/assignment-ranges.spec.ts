// Assigning part of a reading (#16.4): an instructor assigns a range of sections of a long reading
// and a range of paragraphs of a short one, by keyboard; a student opens each at its assigned part,
// marked in the text (a bar, words at its ends and beside the paragraphs outside it), and only the
// posts on it count.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";

const SAVED_READING_URL = /\/readings\/(?!new$|imports\/)[A-Za-z0-9_-]+$/;
const CREATED_URL = /\/courses\/[^/]+\/assignments\/[^/?]+\?created=1$/;
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/**
 * Three chapters of 36 paragraphs of about 1,000 characters: long enough to be read a section at a
 * time (a Markdown import keeps no heading kinds, so its sections are cut by length and named by
 * their paragraphs).
 */
function bookMarkdown(title: string): string {
  const lines = [`# ${title}`, ""];
  for (let chapter = 1; chapter <= 3; chapter++) {
    lines.push(`## Chapter ${chapter}`, "");
    for (let index = 1; index <= 36; index++) {
      lines.push(`Chapter ${chapter}, paragraph ${index}: a sentence that a class reads closely and writes about. `.repeat(12).trim(), "");
    }
  }
  return lines.join("\n");
}

function notesMarkdown(title: string): string {
  const notes = Array.from({ length: 9 }, (_, index) => `Note ${index + 1} opens with these words and then goes on for a while.`);
  return [`# ${title}`, "", ...notes.flatMap((note) => [note, ""])].join("\n");
}

async function addReading(page: Page, fileName: string, markdown: string): Promise<string> {
  await page.goto("/readings/new");
  await page
    .getByLabel("Upload a file")
    .setInputFiles({ name: fileName, mimeType: "text/markdown", buffer: Buffer.from(markdown, "utf8") });
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Save reading" }).click();
  await page.waitForURL(SAVED_READING_URL);
  return new URL(page.url()).pathname.split("/").pop()!;
}

test.describe("assigning part of a reading", () => {
  test("[ASSIGNMENTS] a range of sections and a range of paragraphs, assigned by keyboard; the student sees them marked and only they count", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    await signInViaApi(page, await createAccount(page.request, "Ines Instructor"));
    const suffix = randomUUID().slice(0, 6);
    const created = await page.request.post("/api/courses", { data: { title: `Parts ${suffix}`, term: "" } });
    expect(created.status()).toBe(201);
    const { id: courseId, joinCode } = (await created.json()) as { id: string; joinCode: string };
    const bookId = await addReading(page, "book.md", bookMarkdown(`A Long Book ${suffix}`));
    const notesId = await addReading(page, "notes.md", notesMarkdown(`Nine Notes ${suffix}`));

    // A range of sections: the reading preselected, the range chosen with arrow keys.
    await page.goto(`/courses/${courseId}/assignments/new?reading=${bookId}`);
    await page.getByLabel("Title").fill("Chapters 2 and 3");
    await page.getByRole("radio", { name: "All of it" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Sections (of 3)" })).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("From section")).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByLabel("From section")).toHaveValue("2");
    await expect(page.getByLabel("To section")).toHaveValue("3");
    const titleOf = async (label: string) =>
      ((await page.getByLabel(label).locator("option:checked").textContent()) ?? "").replace(/^\d+\. /, "");
    const [fromTitle, toTitle] = [await titleOf("From section"), await titleOf("To section")];
    expect(fromTitle).toMatch(/^Paragraphs \d+–\d+$/);
    const sectionLabel = `${fromTitle} to ${toTitle}`;
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Assign" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(CREATED_URL);
    await expect(page.getByTestId("assigned-part")).toHaveText(sectionLabel);

    // A range of paragraphs: the reading chosen in the form, its paragraphs loaded, a range in reverse refused first.
    await page.goto(`/courses/${courseId}/assignments/new`);
    await page.getByLabel("Reading", { exact: true }).selectOption(notesId);
    await page.getByLabel("Title").fill("Notes 4 to 6");
    await expect(page.getByRole("radio", { name: "Paragraphs (of 9)" })).toBeVisible();
    await page.getByRole("radio", { name: "All of it" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Paragraphs (of 9)" })).toBeChecked();
    await page.keyboard.press("Tab");
    for (let press = 0; press < 3; press++) await page.keyboard.press("ArrowDown");
    await expect(page.getByLabel("From paragraph").locator("option:checked")).toHaveText("¶ 4: Note 4 opens with these words and then…");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("To paragraph")).toBeFocused();
    for (let press = 0; press < 7; press++) await page.keyboard.press("ArrowUp");
    await expect(page.getByLabel("To paragraph")).toHaveValue("2");
    await page.getByRole("button", { name: "Assign" }).focus();
    await page.keyboard.press("Enter");
    const toField = page.getByLabel("To paragraph");
    await expect(toField).toBeFocused();
    await expect(toField).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("The last paragraph cannot come before the first paragraph.")).toBeVisible();
    // What was chosen is kept.
    await expect(page.getByLabel("From paragraph")).toHaveValue("4");
    await expect(page.getByLabel("Title")).toHaveValue("Notes 4 to 6");
    await expectNoSeriousAxeViolations(page);
    for (let press = 0; press < 4; press++) await page.keyboard.press("ArrowDown");
    await expect(toField).toHaveValue("6");
    await page.getByRole("button", { name: "Assign" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(CREATED_URL);
    const notesAssignmentUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId("assigned-part")).toHaveText("¶ 4–6");

    // The student: each reading opens at its assigned part, marked.
    const student = await (await browser.newContext()).newPage();
    await signInViaApi(student, await createAccount(student.request, "Sam Student"));
    expect((await student.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);

    await student.goto(`/readings/${bookId}?course=${courseId}`);
    await expect(student.getByTestId("assigned-pages-note")).toContainText(`Assigned: ${sectionLabel}`);
    // The section opened is the assigned part's first, marked from its first paragraph, where the page is.
    const firstAssigned = Number(/^Paragraphs (\d+)/.exec(fromTitle)![1]);
    await expect(student.locator(`#p-${firstAssigned}`)).toHaveAttribute("data-assigned", "in");
    // The marker is chrome outside the reading's text: its words are a data-label drawn by CSS.
    await expect(student.locator(`#p-${firstAssigned}`).getByTestId("assigned-start")).toHaveAttribute(
      "data-label",
      `Assigned part begins (${sectionLabel})`,
    );
    await expect(student.locator(`#p-${firstAssigned}`)).toBeInViewport();
    await expect(student.locator("#p-1")).toHaveCount(0);
    await student.goto(`/readings/${notesId}?course=${courseId}`);
    const note = student.getByTestId("assigned-pages-note");
    await expect(note).toContainText("Assigned: ¶ 4–6");
    await expect(student.locator("#p-4").getByTestId("assigned-start")).toHaveAttribute("data-label", "Assigned part begins (¶ 4–6)");
    await expect(student.locator("#p-6").getByTestId("assigned-end")).toHaveAttribute("data-label", "Assigned part ends (¶ 4–6)");
    await expect(student.locator("li.paragraph[data-assigned=in]")).toHaveCount(3);
    // Outside it, still readable, and saying so in words.
    await expect(student.locator("#p-3 p[data-offset]")).toHaveText("Note 3 opens with these words and then goes on for a while.");
    await expect(student.locator("#p-3 .paragraph-outside")).toHaveAttribute("data-label", "Outside the assignment");
    await expect(student.locator("#p-5 .paragraph-outside")).toHaveCount(0);
    // The bar: a border in the margin of the assigned paragraphs only.
    expect(await student.locator("#p-5").evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe("4px");
    expect(await student.locator("#p-3").evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe("0px");
    await expect(student.getByRole("link", { name: "Go to the assigned part" })).toHaveAttribute("href", /#p-4$/);
    await expectNoSeriousAxeViolations(student);
    await student.screenshot({ path: test.info().outputPath("notes-marked.png"), fullPage: true });

    // Only posts on the assigned paragraphs count toward the assignment.
    const postOn = async (paragraph: number) => {
      const response = await student.request.post(`/api/readings/${notesId}/annotations`, {
        data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph }, body: doc(`On paragraph ${paragraph}`), visibility: "COURSE" },
      });
      expect(response.status(), await response.text()).toBe(201);
    };
    await postOn(2);
    await student.goto(notesAssignmentUrl);
    await expect(student.getByText("0 of 1 post")).toBeVisible();
    await postOn(5);
    await student.reload();
    await expect(student.getByText("1 of 1 post")).toBeVisible();
    await expect(student.getByTestId("assigned-part")).toHaveText("¶ 4–6");
    await student.context().close();
  });
});
