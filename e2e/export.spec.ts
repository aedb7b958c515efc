import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc } from "./fixtures/classroom";
import { DEMO_COURSE, joinDemoCourse, readingId } from "./fixtures/demo-course";
import { statement } from "./fixtures/reading";

const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * Checks a document against the W3C Web Annotation Data Model's structure for a collection:
 * returns what is wrong (empty when valid) and the annotations it holds.
 */
function validateAnnotationCollection(document: unknown): { errors: string[]; annotations: Json[] } {
  const errors: string[] = [];
  const annotations: Json[] = [];
  if (!isObject(document)) return { errors: ["the document is not a JSON object"], annotations };
  if (!asArray(document["@context"]).includes(ANNO_CONTEXT)) errors.push("@context lacks the Web Annotation context");
  if (document.type !== "AnnotationCollection") errors.push(`type is ${String(document.type)}, not AnnotationCollection`);
  if (typeof document.id !== "string" || !/^https?:\/\//.test(document.id)) errors.push("the collection has no IRI id");
  if (typeof document.total !== "number") errors.push("total is not a number");
  const pages: Json[] = [];
  for (let page: unknown = document.first; page !== undefined; page = page.next) {
    if (!isObject(page)) {
      errors.push("a page is not embedded as an object");
      break;
    }
    pages.push(page);
  }
  if (document.total !== 0 && pages.length === 0) errors.push("a non-empty collection has no first page");
  if (pages.length > 0 && document.last !== pages.at(-1)!.id) errors.push("last does not name the last page");
  let index = 0;
  pages.forEach((page, pageIndex) => {
    if (page.type !== "AnnotationPage") errors.push(`page ${pageIndex + 1}: type is not AnnotationPage`);
    if (page.partOf !== document.id && (page.partOf as Json | undefined)?.id !== document.id)
      errors.push(`page ${pageIndex + 1}: partOf is not the collection`);
    if (page.startIndex !== index) errors.push(`page ${pageIndex + 1}: startIndex ${String(page.startIndex)}, expected ${index}`);
    if (pageIndex > 0 && page.prev !== pages[pageIndex - 1]!.id) errors.push(`page ${pageIndex + 1}: prev is not the page before`);
    if (!Array.isArray(page.items)) errors.push(`page ${pageIndex + 1}: items is not an array`);
    for (const item of asArray(page.items)) {
      if (!isObject(item)) {
        errors.push("an item is not an object");
        continue;
      }
      annotations.push(item);
      const where = `annotation ${String(item.id)}`;
      if (typeof item.id !== "string" || !/^https?:\/\//.test(item.id)) errors.push(`${where}: id is not an IRI`);
      if (item.type !== "Annotation") errors.push(`${where}: type is not Annotation`);
      const targets = asArray(item.target);
      if (targets.length === 0) errors.push(`${where}: no target`);
      for (const target of targets) {
        if (typeof target === "string") continue;
        if (!isObject(target) || typeof target.source !== "string") {
          errors.push(`${where}: a target has no source`);
          continue;
        }
        const selectors = asArray(target.selector).filter(isObject);
        if (target.selector === undefined) {
          errors.push(`${where}: a SpecificResource target has no selector`);
          continue;
        }
        const fragment = selectors.find((selector) => selector.type === "FragmentSelector");
        if (fragment) {
          // A paragraph post: the paragraph's HTML fragment (p-N), the only selector of its target.
          if (typeof fragment.value !== "string" || !/^p-\d+$/.test(fragment.value))
            errors.push(`${where}: a FragmentSelector names no paragraph`);
          if (selectors.length !== 1) errors.push(`${where}: a FragmentSelector comes with other selectors`);
          continue;
        }
        const quote = selectors.find((selector) => selector.type === "TextQuoteSelector");
        const position = selectors.find((selector) => selector.type === "TextPositionSelector");
        if (!quote || typeof quote.exact !== "string") errors.push(`${where}: a ranged target lacks a TextQuoteSelector with exact`);
        if (
          !position ||
          !Number.isInteger(position.start) ||
          !Number.isInteger(position.end) ||
          (position.start as number) > (position.end as number)
        ) {
          errors.push(`${where}: a ranged target lacks a valid TextPositionSelector`);
        }
      }
      for (const body of asArray(item.body)) {
        if (!isObject(body)) continue;
        if (body.type === "TextualBody" && typeof body.value !== "string") errors.push(`${where}: a TextualBody has no value`);
      }
    }
    index += asArray(page.items).length;
  });
  if (typeof document.total === "number" && index !== document.total) errors.push(`total is ${document.total} but the pages hold ${index}`);
  return { errors, annotations };
}

test.describe("export", () => {
  test("[EXPORT] the JSON-LD download from the reading page is valid W3C Web Annotation", async ({ page }) => {
    await joinDemoCourse(page, "Edda Exporter");
    const id = await readingId(page);
    const phrase = "information security";
    const start = statement.canonicalText.indexOf(phrase);
    expect(start).toBeGreaterThan(0);
    const post = (data: Json) => page.request.post(`/api/readings/${id}/annotations`, { data: { courseId: DEMO_COURSE, ...data } });
    const comment = await post({
      kind: "COMMENT",
      target: { start, end: start + phrase.length },
      body: doc("Export me, Edda's comment."),
      tags: ["export"],
    });
    expect(comment.status()).toBe(201);
    expect((await post({ kind: "HIGHLIGHT", target: { start, end: start + phrase.length } })).status()).toBe(201);
    expect((await post({ kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("A paragraph post to export.") })).status()).toBe(201);
    const commentId = ((await comment.json()) as { id: string }).id;
    expect(
      (
        await page.request.post(`/api/annotations/${commentId.slice(commentId.lastIndexOf("/") + 1)}/replies`, {
          data: { body: doc("And a reply.") },
        })
      ).status(),
    ).toBe(201);

    await page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    const exportSection = page.getByRole("region", { name: "Export" });
    await expect(exportSection).toBeVisible();
    const downloading = page.waitForEvent("download");
    await exportSection.getByRole("link", { name: "Web Annotation (JSON-LD)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/-course-demo-course\.jsonld$/);
    const document = JSON.parse(readFileSync(await download.path(), "utf8")) as unknown;

    const { errors, annotations } = validateAnnotationCollection(document);
    expect(errors).toEqual([]);
    const mine = annotations.find((annotation) => annotation.id === commentId);
    expect(mine).toMatchObject({
      type: "Annotation",
      motivation: "commenting",
      target: { selector: expect.arrayContaining([expect.objectContaining({ type: "TextQuoteSelector", exact: phrase })]) },
      body: expect.arrayContaining([expect.objectContaining({ type: "TextualBody", value: "Export me, Edda's comment." })]),
    });
    expect(
      annotations.some(
        (annotation) =>
          annotation.motivation === "highlighting" &&
          !("body" in annotation && asArray(annotation.body).some((body) => isObject(body) && body.purpose === "commenting")),
      ),
    ).toBe(true);
    expect(annotations.some((annotation) => annotation.motivation === "replying")).toBe(true);
    await expectNoSeriousAxeViolations(page);
  });

  test("[IMPORT] a person downloads their notes' JSON-LD and imports it back with the Import annotations form: loading, done, empty and error states", async ({
    page,
  }) => {
    await signInViaApi(page, await createAccount(page.request, "Ida Importer"));
    const id = await readingId(page);
    const phrase = "information security";
    const start = statement.canonicalText.indexOf(phrase);
    const note = await page.request.post(`/api/readings/${id}/annotations`, {
      data: {
        courseId: null,
        kind: "COMMENT",
        target: { start, end: start + phrase.length },
        body: doc("Ida's note to carry over"),
        tags: ["carried"],
      },
    });
    expect(note.status()).toBe(201);

    await page.goto(`/readings/${id}`);
    const exportSection = page.getByRole("region", { name: "Export" });
    const downloading = page.waitForEvent("download");
    await exportSection.getByRole("link", { name: "Web Annotation (JSON-LD)" }).click();
    const file = await (await downloading).path();

    const form = page.getByRole("form", { name: "Import annotations" });
    const picker = form.getByLabel("Annotation file (JSON-LD)");
    // Not JSON: an error, said where the file was chosen.
    await picker.setInputFiles({ name: "notes.jsonld", mimeType: "application/ld+json", buffer: Buffer.from("not json at all") });
    await form.getByRole("button", { name: "Import" }).click();
    await expect(form.getByRole("alert")).toHaveText(/not JSON/);
    await expect(picker).toHaveAttribute("aria-invalid", "true");
    // An empty collection: nothing to add, and it says so.
    await picker.setInputFiles({
      name: "empty.jsonld",
      mimeType: "application/ld+json",
      buffer: Buffer.from(JSON.stringify({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", total: 0 })),
    });
    await form.getByRole("button", { name: "Import" }).click();
    await expect(form.getByRole("status")).toHaveText(/no annotations that can be imported/);
    // The export itself: imported as new notes of mine, with its tags, shown on the page.
    await picker.setInputFiles(file);
    await form.getByRole("button", { name: "Import" }).click();
    await expect(form.getByRole("status")).toHaveText("Imported 1 annotation.");
    await expect(page.getByRole("complementary", { name: "Annotations" }).getByText("Ida's note to carry over")).toHaveCount(2);
    await expectNoSeriousAxeViolations(page);
  });

  test("[EXPORT] CSV and Markdown download as attachments; a stranger to the course gets 404", async ({ page, browser }) => {
    await joinDemoCourse(page, "Csv Reader");
    const id = await readingId(page);
    await page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    const section = page.getByRole("region", { name: "Export" });
    const csvDownload = page.waitForEvent("download");
    await section.getByRole("link", { name: "CSV" }).click();
    const csv = readFileSync(await (await csvDownload).path(), "utf8");
    // A byte order mark (Excel reads UTF-8 with it), then every text cell quoted.
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]).toBe(
      '"id","kind","author","created","edited","paragraph","quote","text","tags","visibility","parent id"',
    );

    const md = await page.request.get(`/api/readings/${id}/export?format=md&course=${DEMO_COURSE}`);
    expect(md.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(md.headers()["content-disposition"]).toMatch(/^attachment; filename="[A-Za-z0-9_-]+\.md"$/);
    expect(await md.text()).toContain("## Paragraph 1");
    expect((await page.request.get(`/api/readings/${id}/export?format=pdf`)).status()).toBe(400);

    const stranger = await (await browser.newContext()).newPage();
    await signInViaApi(stranger, await createAccount(stranger.request, "Stranger"));
    expect((await stranger.request.get(`/api/readings/${id}/export?format=csv&course=${DEMO_COURSE}`)).status()).toBe(404);
    expect((await stranger.request.get(`/api/readings/${id}/export?format=csv`)).status()).toBe(200);
  });
});
