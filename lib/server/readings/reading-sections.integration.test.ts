// A long reading is read one section at a time: the outline comes from the paragraphs' kinds and
// lengths, and the reading page's data path (findReading, loadReadingWorkspace) takes the
// section's paragraph range, so paints, counts and the margin stay within it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { assembleReadingFromBlocks, type ReadingBlock } from "../../domain/reading-import.ts";
import { createAnnotation } from "../annotations/create-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { findReading } from "./find-reading.ts";
import { insertReading } from "./insert-reading.ts";
import { loadReadingOutline } from "./load-reading-outline.ts";
import { loadReadingWorkspace } from "./load-reading-workspace.ts";

let fx: CourseFixture;
let bookId = "";

/** Three chapters of 36 paragraphs of about 1,000 characters, four paragraphs a page: 108,000 characters. */
function bookBlocks(): ReadingBlock[] {
  const blocks: ReadingBlock[] = [];
  for (let chapter = 1; chapter <= 3; chapter++) {
    blocks.push({ text: `Chapter ${chapter}`, kind: "HEADING", level: 1, page: chapter * 10 });
    for (let index = 1; index <= 36; index++) {
      const sentence = `Chapter ${chapter}, paragraph ${index}: a sentence that a class reads closely and writes about. `;
      blocks.push({ text: sentence.repeat(12).trim(), kind: "TEXT", level: null, page: chapter * 10 + Math.floor(index / 4) });
    }
  }
  return blocks;
}

beforeAll(async () => {
  fx = await createCourseFixture("sections");
  const imported = assembleReadingFromBlocks(bookBlocks(), "A Long Book");
  bookId = (await getDb().$transaction((tx) => insertReading(tx, { title: "A Long Book", imported, createdById: fx.users.instructor.id })))
    .id;
  await getDb().assignment.create({ data: { courseId: fx.courseId, readingId: bookId, title: "Read the book" } });
  const post = (person: "studentA1" | "studentB", paragraph: number, text: string) =>
    createAnnotation({
      actorId: fx.users[person].id,
      input: createAnnotationInputSchema.parse({
        readingId: bookId,
        courseId: fx.courseId,
        kind: "PARAGRAPH_POST",
        target: { paragraph },
        body: plainBody(text),
        visibility: "COURSE",
      }),
    });
  await post("studentA1", 3, "On chapter one.");
  await post("studentB", 80, "On chapter three.");
  await post("studentA1", 81, "Also on chapter three.");
}, 60_000);

afterAll(async () => {
  await getDb().reading.deleteMany({ where: { id: bookId } });
  await fx.cleanUp();
  await disconnectDb();
});

describe("reading sections", () => {
  it("[SECTIONS] a long reading's outline has one section per chapter, with pages and a table of contents", async () => {
    const outline = await loadReadingOutline({ readingId: bookId, actor: await fx.actor("studentA1") });
    expect(outline?.title).toBe("A Long Book");
    expect(outline?.sections.map((section) => [section.title, section.from, section.to, section.firstPage])).toEqual([
      ["Chapter 1", 1, 37, 10],
      ["Chapter 2", 38, 74, 20],
      ["Chapter 3", 75, 111, 30],
    ]);
    expect(outline?.contents.map((entry) => [entry.title, entry.section])).toEqual([
      ["Chapter 1", 1],
      ["Chapter 2", 2],
      ["Chapter 3", 3],
    ]);
  });

  it("[VISIBILITY] the outline of a reading one may not open is null, as for a missing one", async () => {
    expect(await loadReadingOutline({ readingId: bookId, actor: await fx.actor("outsider") })).toBeNull();
    expect(await loadReadingOutline({ readingId: bookId, actor: null })).toBeNull();
  });

  it("[SECTIONS] the page's data path reads one section: its paragraphs, its posts, its counts", async () => {
    const actor = await fx.actor("studentA1");
    const outline = (await loadReadingOutline({ readingId: bookId, actor }))!;
    const third = outline.sections[2]!;
    const reading = await findReading({ readingId: bookId, actor, paragraphRange: { from: third.from, to: third.to } });
    expect(reading?.paragraphs.map((paragraph) => paragraph.position)).toEqual(Array.from({ length: 37 }, (_, index) => 75 + index));

    const workspace = await loadReadingWorkspace({ actor, readingId: bookId, courseId: fx.courseId, section: third });
    expect(workspace?.annotations.items.map((item) => item.paragraphPosition)).toEqual([80, 81]);
    expect(workspace?.annotations.total).toBe(2);
    expect(workspace?.postCounts).toEqual({ 80: 1, 81: 1 });

    const whole = await loadReadingWorkspace({ actor, readingId: bookId, courseId: fx.courseId });
    expect(whole?.annotations.total).toBe(3);
  });
});
