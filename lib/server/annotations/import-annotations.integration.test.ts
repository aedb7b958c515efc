import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import { exportReading } from "../export/export-reading.ts";
import type { AnnotationCollectionDocument, AnnotationPageDocument } from "../export/to-export-collection.ts";
import { createCourseFixture, plainBody, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { deleteAnnotation } from "./delete-annotation.ts";
import { importAnnotations } from "./import-annotations.ts";

// Round trip of annotations between contexts: an export imports into another course or one's
// notes with selectors, bodies, tags, colours and threads, and exporting again gives the same
// annotations (modulo ids, context and who made them).
const ORIGIN = "https://scholia.example";
let fx: CourseFixture;
type Json = Record<string, unknown>;

async function exportedDocument(person: Person, courseId: string | null): Promise<AnnotationCollectionDocument> {
  const file = await exportReading({ actor: await fx.actor(person), readingId: fx.reading.id, courseId, format: "jsonld", origin: ORIGIN });
  return JSON.parse(file.body) as AnnotationCollectionDocument;
}

function itemsOf(collection: AnnotationCollectionDocument): Json[] {
  const items: Json[] = [];
  for (let page: AnnotationPageDocument | undefined = collection.first; page; page = page.next) items.push(...(page.items as Json[]));
  return items;
}

/** What an annotation says and where, without ids, context, people or times; a reply names its parent by its text. */
function meaningOf(items: Json[]): Json[] {
  const textOf = new Map(items.map((item) => [item.id, JSON.stringify(item.body ?? item.target)]));
  return items
    .map((item) => ({
      motivation: item.motivation,
      body: item.body ?? null,
      target: typeof item.target === "string" ? { replyTo: textOf.get(item.target) } : item.target,
      color: item["scholia:color"],
      paragraph: item["scholia:paragraph"],
      kind: item["scholia:kind"],
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

beforeAll(async () => {
  fx = await createCourseFixture("import");
  const comment = await fx.post("studentA1", {
    kind: "COMMENT",
    target: fx.rangeOf("cooperation between the member states"),
    body: plainBody("Cooperation, really?"),
    visibility: "COURSE",
    tags: ["question", "evidence"],
    color: "blue",
  });
  await fx.post("studentA1", {
    kind: "HIGHLIGHT",
    target: fx.rangeOf("a short remark"),
    visibility: "COURSE",
    color: "green",
  });
  await fx.post("instructor", {
    kind: "PARAGRAPH_POST",
    target: { paragraph: 2 },
    body: plainBody("The whole second paragraph"),
    visibility: "COURSE",
  });
  const reply = await fx.reply("instructor", comment.id, "Yes, read on.");
  await fx.reply("studentA1", reply.id, "Thanks!");
  // A deleted post with a reply: a placeholder in the export, with nothing to import.
  const gone = await fx.post("studentB", {
    kind: "PARAGRAPH_POST",
    target: { paragraph: 1 },
    body: plainBody("Soon gone"),
    visibility: "COURSE",
  });
  await fx.reply("instructor", gone.id, "Under a deleted post");
  await deleteAnnotation({ actorId: fx.users.studentB.id, annotationId: gone.id });
  // The instructor also teaches the other course (a copy of this one).
  await getDb().membership.create({ data: { courseId: fx.otherCourseId, userId: fx.users.instructor.id, role: "INSTRUCTOR" } });
});

afterAll(async () => {
  await fx.cleanUp();
  await disconnectDb();
});

describe("importAnnotations", () => {
  it("[IMPORT] export → import into another course → export again gives the same annotations, threads included", async () => {
    const first = await exportedDocument("instructor", fx.courseId);
    const result = await importAnnotations({
      actorId: fx.users.instructor.id,
      readingId: fx.reading.id,
      courseId: fx.otherCourseId,
      document: first,
      origin: ORIGIN,
    });
    expect(result).toEqual({ imported: 5, skipped: 2, madePrivate: 0 });
    const second = await exportedDocument("instructor", fx.otherCourseId);
    const imported = itemsOf(second);
    const original = itemsOf(first).filter(
      (item) => item["scholia:deleted"] !== true && !String(JSON.stringify(item.body)).includes("Under a deleted post"),
    );
    expect(meaningOf(imported)).toEqual(meaningOf(original));
    // Where each came from is kept: its IRI in via, its first creation time.
    const copy = imported.find((item) => JSON.stringify(item.body).includes("Cooperation, really?"))!;
    const source = original.find((item) => JSON.stringify(item.body).includes("Cooperation, really?"))!;
    expect(copy.via).toEqual([source.id]);
    expect(copy["scholia:viaCreated"]).toBe(source.created);
    expect(copy["scholia:course"]).toBe(fx.otherCourseId);
    // A second round trip keeps the first creation time and the whole chain of places.
    await importAnnotations({
      actorId: fx.users.instructor.id,
      readingId: fx.reading.id,
      courseId: null,
      document: second,
      origin: ORIGIN,
    });
    const notes = itemsOf(await exportedDocument("instructor", null));
    const twice = notes.find((item) => JSON.stringify(item.body).includes("Cooperation, really?"))!;
    expect(twice).toMatchObject({ via: [source.id, copy.id], "scholia:viaCreated": source.created, "scholia:visibility": "PRIVATE" });
    expect(meaningOf(notes)).toEqual(meaningOf(imported));
  });

  it("[IMPORT] an older export (annotations at /api/annotations/<id>, partOf a string) imports with its threads; the copies' IRIs are under their container", async () => {
    const current = JSON.stringify(await exportedDocument("instructor", fx.courseId));
    const container = `${ORIGIN}/api/readings/${fx.reading.id}/courses/${fx.courseId}/annotations/`;
    expect(current).toContain(container);
    const older = JSON.parse(current.replaceAll(container, `${ORIGIN}/api/annotations/`)) as AnnotationCollectionDocument;
    for (let page: AnnotationPageDocument | undefined = older.first; page; page = page.next) {
      (page as unknown as Json).partOf = older.id;
    }
    expect(JSON.stringify(older)).not.toContain(container);
    const result = await importAnnotations({
      actorId: fx.users.ta.id,
      readingId: fx.reading.id,
      courseId: null,
      document: older,
      origin: ORIGIN,
    });
    expect(result).toEqual({ imported: 5, skipped: 2, madePrivate: 0 });
    const notes = itemsOf(await exportedDocument("ta", null));
    const own = `${ORIGIN}/api/readings/${fx.reading.id}/annotations/`;
    expect(notes.every((item) => String(item.id).startsWith(own))).toBe(true);
    const replies = notes.filter((item) => item.motivation === "replying");
    expect(replies).toHaveLength(2);
    for (const reply of replies) {
      expect(String(reply.target).startsWith(own)).toBe(true);
      expect(notes.map((item) => item.id)).toContain(reply.target);
    }
    expect(meaningOf(notes)).toEqual(
      meaningOf(
        itemsOf(JSON.parse(current) as AnnotationCollectionDocument).filter(
          (item) => item["scholia:deleted"] !== true && !String(JSON.stringify(item.body)).includes("Under a deleted post"),
        ),
      ),
    );
  });

  it("[PERMISSIONS] only an instructor imports into a course, never into an archived one; anyone into their own notes", async () => {
    const document = await exportedDocument("studentA1", fx.courseId);
    const as = (person: Person, courseId: string | null) =>
      importAnnotations({ actorId: fx.users[person].id, readingId: fx.reading.id, courseId, document, origin: ORIGIN });
    await expect(as("studentA1", fx.courseId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("ta", fx.courseId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("instructor", "no-such-course")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await as("studentA2", null)).imported).toBeGreaterThan(0);
    await getDb().course.update({ where: { id: fx.otherCourseId }, data: { archivedAt: new Date() } });
    try {
      await expect(as("instructor", fx.otherCourseId)).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/archived/),
      });
    } finally {
      await getDb().course.update({ where: { id: fx.otherCourseId }, data: { archivedAt: null } });
    }
  });

  it("[IMPORT] a file that is not importable is refused whole, naming the annotation and the problem", async () => {
    const document = await exportedDocument("instructor", fx.courseId);
    const items = itemsOf(document);
    const broken = structuredClone(items);
    const victim = broken.findIndex((item) => item.motivation === "highlighting");
    (broken[victim]!.target as { selector: Json[] }).selector = [
      { type: "TextQuoteSelector", exact: "words that are not in this reading" },
    ];
    const before = await getDb().annotation.count({ where: { readingId: fx.reading.id } });
    await expect(
      importAnnotations({ actorId: fx.users.studentA2.id, readingId: fx.reading.id, courseId: null, document: broken, origin: ORIGIN }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(new RegExp(`^Annotation ${victim + 1} \\(.*\\): .*does not occur`)),
    });
    expect(await getDb().annotation.count({ where: { readingId: fx.reading.id } })).toBe(before);
    await expect(
      importAnnotations({
        actorId: fx.users.studentA2.id,
        readingId: fx.reading.id,
        courseId: null,
        document: { type: "Note" },
        origin: ORIGIN,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/not Web Annotation JSON-LD/) });
  });
});
