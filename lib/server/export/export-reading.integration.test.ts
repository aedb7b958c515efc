import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadAnnotation } from "../../domain/permissions.ts";
import { indexTextPositions } from "../../domain/text-positions.ts";
import { deleteAnnotation } from "../annotations/delete-annotation.ts";
import { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { annotationViewSelect, presentAnnotation } from "../annotations/present-annotation.ts";
import { exportReading, type ExportFormat } from "./export-reading.ts";
import { toExportCollection } from "./to-export-collection.ts";
import type { AnnotationCollectionDocument, AnnotationPageDocument } from "./to-export-collection.ts";

// Exports against PostgreSQL: each format holds exactly what the reader may see in the context,
// hidden content is replaced for students, deleted posts stay only as placeholders of threads,
// CSV cells cannot run as formulas, and user text cannot inject Markdown.
const ORIGIN = "https://scholia.example";
let fx: CourseFixture;
const ids: Record<string, string> = {};
const MEMBERS = ["instructor", "ta", "studentA1", "studentA2", "studentB", "studentNoGroup"] as const satisfies readonly Person[];

async function exported(person: Person, format: ExportFormat, courseId: string | null = fx.courseId) {
  return exportReading({ actor: await fx.actor(person), readingId: fx.reading.id, courseId, format, origin: ORIGIN });
}

function pagesOf(collection: AnnotationCollectionDocument): AnnotationPageDocument[] {
  const pages: AnnotationPageDocument[] = [];
  for (let page = collection.first; page; page = page.next) pages.push(page);
  return pages;
}

async function jsonLdIds(person: Person, courseId: string | null = fx.courseId): Promise<string[]> {
  const collection = JSON.parse((await exported(person, "jsonld", courseId)).body) as AnnotationCollectionDocument;
  return pagesOf(collection)
    .flatMap((page) => page.items.map((item) => item.id.slice(item.id.lastIndexOf("/") + 1)))
    .sort();
}

async function csvIds(person: Person, courseId: string | null = fx.courseId): Promise<string[]> {
  const lines = (await exported(person, "csv", courseId)).body.trimEnd().split("\r\n").slice(1);
  // Every text cell is quoted (lib/domain/csv.ts); ids never contain a quote.
  return lines.map((line) => /^"([^"]*)"/.exec(line)![1]!).sort();
}

beforeAll(async () => {
  fx = await createCourseFixture("export");
  ids.a1Comment = await fx.onPhrase("studentA1", "cooperation between the member states", "A1 on cooperation.", {
    visibility: "COURSE",
    tags: ["evidence"],
  });
  ids.a1Private = await fx.onParagraph("studentA1", 1, "A1 secret thought.", { visibility: "PRIVATE" });
  ids.a1Note = await fx.onParagraph("studentA1", 1, "A1 personal note.", { courseId: null });
  ids.a1Group = await fx.onParagraph("studentA1", 2, "Group A talk.", { visibility: "GROUP", groupId: fx.groupA });
  ids.bGroup = await fx.onParagraph("studentB", 2, "Group B talk.", { visibility: "GROUP", groupId: fx.groupB });
  ids.bHidden = await fx.onPhrase("studentB", "short remark", "A rude remark.", { visibility: "COURSE" });
  await fx.hide(ids.bHidden);
  ids.bReply = (await fx.reply("studentB", ids.a1Comment, "B answers A1.")).id;
  ids.highlight = (
    await fx.post("studentNoGroup", { kind: "HIGHLIGHT", target: fx.rangeOf("information security"), visibility: "COURSE" })
  ).id;
  ids.formula = await fx.onParagraph("studentNoGroup", 3, '=HYPERLINK("http://evil.example","x")', { visibility: "COURSE" });
  ids.injection = await fx.onParagraph("studentNoGroup", 3, "[click](http://evil.example) <img src=x onerror=alert(1)> # not a heading", {
    visibility: "COURSE",
  });
  ids.deletedThread = await fx.onParagraph("studentA2", 1, "Soon deleted.", { visibility: "COURSE" });
  ids.keptReply = (await fx.reply("instructor", ids.deletedThread, "The thread goes on.")).id;
  await deleteAnnotation({ actorId: fx.users.studentA2.id, annotationId: ids.deletedThread });
  ids.outsiderPost = await fx.onParagraph("outsider", 1, "Elsewhere.", { courseId: fx.otherCourseId, visibility: "COURSE" });
});

afterAll(async () => {
  await fx.cleanUp();
  await disconnectDb();
});

describe("exportReading: what each reader gets", () => {
  it.each(MEMBERS.map((person) => [person] as const))(
    "[EXPORT] %s exports exactly the course's posts they may read, in JSON-LD and CSV",
    async (person) => {
      const actor = await fx.actor(person);
      const rows = await getDb().annotation.findMany({ where: { readingId: fx.reading.id, courseId: fx.courseId } });
      const expected = rows
        .filter((row) => canReadAnnotation(actor, row))
        .map((row) => row.id)
        .sort();
      expect(await jsonLdIds(person)).toEqual(expected);
      expect(await csvIds(person)).toEqual(expected);
    },
  );

  it("[EXPORT] others' private notes and other groups' posts are absent from every format", async () => {
    for (const format of ["jsonld", "csv", "md"] as const) {
      const body = (await exported("studentB", format)).body;
      expect(body, format).not.toContain("A1 secret thought");
      expect(body, format).not.toContain("Group A talk");
      expect(body, format).not.toContain("A1 personal note");
      expect(body, format).not.toContain("Elsewhere");
      expect(body, format).toContain("Group B talk");
    }
    expect((await exported("studentA1", "md")).body).toContain("A1 secret thought");
  });

  it("[EXPORT] a hidden post is [hidden] for students and readable for its author and staff", async () => {
    const studentCsv = (await exported("studentA1", "csv")).body;
    expect(studentCsv).not.toContain("rude");
    expect(studentCsv).toContain(`"${ids.bHidden}","COMMENT",`);
    expect(studentCsv).toMatch(new RegExp(`"${ids.bHidden}",[^\\r]*,"\\[hidden\\]",`));
    const studentMd = (await exported("studentA1", "md")).body;
    expect(studentMd).toContain("[hidden]");
    expect(studentMd).not.toContain("rude");
    const collection = JSON.parse((await exported("studentA1", "jsonld")).body) as AnnotationCollectionDocument;
    const hidden = pagesOf(collection)
      .flatMap((page) => page.items)
      .find((item) => item.id.endsWith(ids.bHidden!));
    expect(hidden).toMatchObject({ "scholia:hidden": true });
    expect(hidden).not.toHaveProperty("body");
    for (const person of ["studentB", "instructor", "ta"] as const)
      expect((await exported(person, "md")).body, person).toContain("A rude remark");
  });

  it("[EXPORT] a deleted post stays only as the [deleted] head of a thread that has replies", async () => {
    const csv = (await exported("studentNoGroup", "csv")).body;
    expect(csv).toContain(`"${ids.deletedThread}","PARAGRAPH_POST","Deleted",`);
    expect(csv).not.toContain("Soon deleted");
    expect(csv).toContain(`"${ids.keptReply}","REPLY",`);
    const md = (await exported("studentNoGroup", "md")).body;
    expect(md).toMatch(/- \*\*\[deleted\]\*\*, [^\n]+, paragraph post\n\n {2}\[deleted\]\n\n {2}- \*\*instructor/);
  });

  it("[EXPORT] personal notes are their own context: only the author's notes, none of the course", async () => {
    expect(await jsonLdIds("studentA1", null)).toEqual([ids.a1Note]);
    expect(await csvIds("studentB", null)).toEqual([]);
  });

  it("[EXPORT] a non-member of the course gets the course's 404; an unknown reading is a 404", async () => {
    const error = await exported("outsider", "csv").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect((error as AppError).message).toBe("Course not found.");
    const missing = await exportReading({
      actor: await fx.actor("studentA1"),
      readingId: "no-such-reading",
      courseId: null,
      format: "md",
      origin: ORIGIN,
    }).catch((caught: unknown) => caught);
    expect((missing as AppError).code).toBe("NOT_FOUND");
  });
});

describe("exportReading: private readings", () => {
  it("[EXPORT] an instructor's own reading is exported only by its creator and the courses it is assigned in", async () => {
    const db = getDb();
    const text = "A private paragraph.";
    const privateReading = await db.reading.create({
      data: {
        slug: `${fx.prefix}-private`,
        title: "Private reading",
        canonicalText: text,
        isPublic: false,
        createdById: fx.users.instructor.id,
        paragraphs: { create: [{ position: 1, key: `${fx.prefix}-private-p1`, text, startOffset: 0 }] },
      },
    });
    try {
      const exportAs = async (person: Person) =>
        exportReading({ actor: await fx.actor(person), readingId: privateReading.id, courseId: null, format: "md", origin: ORIGIN }).then(
          (file) => file.body,
          (error: unknown) => (error instanceof AppError ? error.code : error),
        );
      expect(await exportAs("instructor")).toContain("A private paragraph.");
      expect(await exportAs("studentA1")).toBe("NOT_FOUND");
      await db.assignment.create({ data: { courseId: fx.courseId, readingId: privateReading.id, title: "Now assigned" } });
      expect(await exportAs("studentA1")).toContain("A private paragraph.");
      expect(await exportAs("outsider")).toBe("NOT_FOUND");
    } finally {
      await db.reading.delete({ where: { id: privateReading.id } });
    }
  });
});

describe("exportReading: formats", () => {
  it("[EXPORT] JSON-LD is an AnnotationCollection whose pages hold W3C annotations with selectors", async () => {
    const file = await exported("instructor", "jsonld");
    expect(file.contentType).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    expect(file.filename).toBe(`${fx.reading.slug}-course-${fx.courseId}.jsonld`);
    const collection = JSON.parse(file.body) as AnnotationCollectionDocument;
    expect(collection).toMatchObject({
      "@context": ["http://www.w3.org/ns/anno.jsonld", { scholia: `${ORIGIN}/ns/scholia#` }],
      type: "AnnotationCollection",
      last: `${collection.id}#page-1`,
    });
    expect(collection.label).toContain(fx.reading.title);
    const [page] = pagesOf(collection);
    expect(page).toMatchObject({ type: "AnnotationPage", partOf: { id: collection.id }, startIndex: 0 });
    expect(page?.items).toHaveLength(collection.total);
    const comment = page?.items.find((item) => item.id.endsWith(ids.a1Comment!));
    expect(comment).toMatchObject({
      type: "Annotation",
      motivation: "commenting",
      target: {
        source: `${ORIGIN}/readings/${fx.reading.id}`,
        selector: [{ type: "TextPositionSelector" }, { type: "TextQuoteSelector", exact: "cooperation between the member states" }],
      },
    });
    expect(comment).not.toHaveProperty("@context");
    const reply = page?.items.find((item) => item.id.endsWith(ids.bReply!));
    // A reply targets the annotation it answers; its thread's root is scholia:root.
    expect(reply).toMatchObject({
      motivation: "replying",
      target: `${ORIGIN}/api/readings/${fx.reading.id}/courses/${fx.courseId}/annotations/${ids.a1Comment}`,
      "scholia:root": `${ORIGIN}/api/readings/${fx.reading.id}/courses/${fx.courseId}/annotations/${ids.a1Comment}`,
    });
  });

  it("[EXPORT] CSV has the header and neutralises formula cells", async () => {
    const file = await exported("studentA2", "csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8; header=present");
    expect(file.body.split("\r\n")[0]).toBe(
      '\uFEFF"id","kind","author","created","edited","paragraph","quote","text","tags","visibility","parent id"',
    );
    expect(file.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(file.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("[EXPORT] the Markdown digest has the reading, its paragraphs in order, and user text escaped", async () => {
    const file = await exported("studentA2", "md");
    expect(file.contentType).toBe("text/markdown; charset=utf-8");
    const md = file.body;
    expect(md.startsWith(`# ${fx.reading.title.replace(/-/g, "\\-")}\n`)).toBe(true);
    expect(md.indexOf("## Paragraph 1")).toBeLessThan(md.indexOf("## Paragraph 2"));
    expect(md.indexOf("## Paragraph 2")).toBeLessThan(md.indexOf("## Paragraph 3"));
    expect(md).toContain("\\[click\\]\\(http\\://evil\\.example\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\# not a heading");
    expect(md).not.toMatch(/(^|[^\\])\[click\]/m);
    expect(md).toContain("> cooperation between the member states");
    expect(md).toContain("A1 on cooperation.");
  });
});

describe("toExportCollection", () => {
  it("[EXPORT] pages chain first → next with startIndex, partOf and prev; last names the final page", async () => {
    const actor = await fx.actor("instructor");
    const rows = await getDb().annotation.findMany({
      where: { readingId: fx.reading.id, courseId: fx.courseId },
      select: annotationViewSelect,
      orderBy: { id: "asc" },
      take: 5,
    });
    const collection = toExportCollection({
      views: rows.map((row) => presentAnnotation(actor, row)),
      origin: ORIGIN,
      positions: indexTextPositions(fx.reading.canonicalText),
      collectionId: `${ORIGIN}/c`,
      label: "Test",
      pageSize: 2,
    });
    const pages = pagesOf(collection);
    expect(collection.total).toBe(5);
    expect(pages.map((page) => [page.id, page.startIndex, page.items.length, page.prev ?? null])).toEqual([
      [`${ORIGIN}/c#page-1`, 0, 2, null],
      [`${ORIGIN}/c#page-2`, 2, 2, `${ORIGIN}/c#page-1`],
      [`${ORIGIN}/c#page-3`, 4, 1, `${ORIGIN}/c#page-2`],
    ]);
    expect(collection.last).toBe(`${ORIGIN}/c#page-3`);
    expect(pages.every((page) => page.partOf.id === `${ORIGIN}/c`)).toBe(true);
    expect(
      toExportCollection({ views: [], origin: ORIGIN, positions: indexTextPositions(""), collectionId: `${ORIGIN}/c`, label: "Empty" }),
    ).toEqual({
      "@context": ["http://www.w3.org/ns/anno.jsonld", { scholia: `${ORIGIN}/ns/scholia#` }],
      id: `${ORIGIN}/c`,
      type: "AnnotationCollection",
      label: "Empty",
      total: 0,
    });
  });
});
