import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadReading } from "../../domain/reading-access.ts";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { createAnnotation } from "../annotations/create-annotation.ts";
import { listParagraphThread } from "../annotations/list-paragraph-thread.ts";
import { listReadingAnnotations } from "../annotations/list-reading-annotations.ts";
import { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { createReading } from "./create-reading.ts";
import { editReadingText } from "./edit-reading-text.ts";
import { findReading } from "./find-reading.ts";
import { listOrphanedAnnotations } from "./list-orphaned-annotations.ts";
import { listReadings } from "./list-readings.ts";
import { loadWorkspaceFor } from "../testing/reading-workspace.ts";
import { previewNewReading } from "./preview-new-reading.ts";
import { previewReadingEdit } from "./preview-reading-edit.ts";
import { readingReadScope } from "./reading-access.ts";
import { lockReadingText } from "./reading-text-lock.ts";
import { createPeople, enrol, type TestPerson } from "../testing/people.ts";

// Instructors' readings against PostgreSQL: who may open them (page, library, API), and what an
// edit of the text does to paragraphs and annotations. Everything is made under a random prefix
// and deleted afterwards (courses and readings cascade to assignments, paragraphs and posts).
const prefix = `rv-${randomUUID().slice(0, 8)}`;

const PEOPLE = ["creator", "ta", "student", "otherStudent", "outsider", "loner"] as const;
type Person = (typeof PEOPLE)[number];
let users = {} as Record<Person, TestPerson>;
const courseIds: string[] = [];
const readingIds: string[] = [];
let course = "";

const P1 = "Scholia keeps every annotation when an instructor edits the text of a reading.";
const P2 = "The quick brown fox jumps over the lazy dog while the students read closely.";
const P3 = "This passage will be removed entirely in the next version of the reading text.";
const P4 = "Closing words thank the class for careful reading and for many good questions.";
const MARKDOWN = [`# ${prefix} Versioned Reading`, "", P1, "", P2, "", P3, "", P4, ""].join("\n");

beforeAll(async () => {
  const db = getDb();
  users = await createPeople(prefix, PEOPLE);
  course = (await db.course.create({ data: { title: `${prefix} Course` } })).id;
  const other = (await db.course.create({ data: { title: `${prefix} Other` } })).id;
  courseIds.push(course, other);
  await enrol(course, users, { creator: "INSTRUCTOR", ta: "TA", student: "STUDENT", otherStudent: "STUDENT" });
  await enrol(other, users, { outsider: "INSTRUCTOR" });
});

afterAll(async () => {
  const db = getDb();
  await db.course.deleteMany({ where: { id: { in: courseIds } } });
  await db.reading.deleteMany({ where: { id: { in: readingIds } } });
  await db.annotationEvent.deleteMany({ where: { readingId: { in: readingIds } } });
  await db.user.deleteMany({ where: { id: { in: Object.values(users).map((user) => user.id) } } });
  await disconnectDb();
});

/** Previews, then saves, as the form does. */
async function addReading(person: Person = "creator", text = MARKDOWN): Promise<string> {
  const input = { title: "", format: "markdown" as const, text };
  const preview = await previewNewReading({ actorId: users[person].id, input });
  const { id } = await createReading({ actorId: users[person].id, input, previewDigest: preview.digest });
  readingIds.push(id);
  return id;
}

async function editText(readingId: string, text: string, person: Person = "creator") {
  const input = { title: `${prefix} Versioned Reading`, text };
  const preview = await previewReadingEdit({ actorId: users[person].id, readingId, input });
  return editReadingText({ actorId: users[person].id, readingId, input, previewDigest: preview.digest });
}

async function assign(readingId: string): Promise<void> {
  await getDb().assignment.create({ data: { courseId: course, readingId, title: "Read it" } });
}

async function canonicalText(readingId: string): Promise<string> {
  return (await getDb().reading.findUniqueOrThrow({ where: { id: readingId }, select: { canonicalText: true } })).canonicalText;
}

async function highlight(
  person: Person,
  readingId: string,
  phrase: string,
  fields: { courseId?: string | null; kind?: "HIGHLIGHT" | "COMMENT"; visibility?: "PRIVATE" | "COURSE" } = {},
) {
  const text = await canonicalText(readingId);
  const start = text.indexOf(phrase);
  expect(start).toBeGreaterThanOrEqual(0);
  const kind = fields.kind ?? "HIGHLIGHT";
  return createAnnotation({
    actorId: users[person].id,
    input: createAnnotationInputSchema.parse({
      readingId,
      courseId: fields.courseId ?? null,
      kind,
      target: { start, end: start + phrase.length },
      ...(kind === "COMMENT"
        ? { body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `About ${phrase}` }] }] } }
        : {}),
      ...(fields.visibility ? { visibility: fields.visibility } : {}),
    }),
  });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

const actorOf = (person: Person) => loadActorContext(users[person].id);

describe("adding a reading", () => {
  it("[READINGS] an instructor's Markdown reading is saved private to them, titled by its heading", async () => {
    const readingId = await addReading();
    const stored = await getDb().reading.findUniqueOrThrow({
      where: { id: readingId },
      include: { paragraphs: { orderBy: { position: "asc" } } },
    });
    expect(stored).toMatchObject({ title: `${prefix} Versioned Reading`, isPublic: false, createdById: users.creator.id, version: 1 });
    expect(stored.paragraphs.map((paragraph) => paragraph.text)).toEqual([P1, P2, P3, P4]);
  });

  it("[READINGS] someone who teaches no course cannot add a reading", async () => {
    const input = { title: "T", format: "text" as const, text: "Some text." };
    expect((await rejection(previewNewReading({ actorId: users.student.id, input }))).code).toBe("FORBIDDEN");
    expect((await rejection(createReading({ actorId: users.loner.id, input, previewDigest: null }))).code).toBe("FORBIDDEN");
  });

  it("[READINGS] saving text other than the one previewed is refused (CONFLICT), and nothing is saved", async () => {
    const input = { title: `${prefix} conflict`, format: "text" as const, text: "Previewed text." };
    const preview = await previewNewReading({ actorId: users.creator.id, input });
    const error = await rejection(
      createReading({ actorId: users.creator.id, input: { ...input, text: "Changed after the preview." }, previewDigest: preview.digest }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(await getDb().reading.count({ where: { title: `${prefix} conflict` } })).toBe(0);
  });

  it("[READINGS] a binary or over-size text is a VALIDATION error on the text field", async () => {
    const error = await rejection(
      previewNewReading({ actorId: users.creator.id, input: { title: "T", format: "markdown", text: `# T\n\n${"x".repeat(600 * 1024)}` } }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.text?.[0]).toMatch(/at most 512 KiB/);
    const untitled = await rejection(
      previewNewReading({ actorId: users.creator.id, input: { title: "", format: "markdown", text: "No heading here." } }),
    );
    expect(untitled.fieldErrors?.title?.[0]).toMatch(/title/);
  });
});

describe("reading access", () => {
  let readingId = "";
  beforeAll(async () => {
    readingId = await addReading();
  });

  it("[READING ACCESS] an unassigned instructor's reading is open to its creator only: page, library and API", async () => {
    expect(await findReading({ readingId, actor: await actorOf("creator") })).not.toBeNull();
    for (const person of ["student", "outsider", "loner"] as const) {
      const actor = await actorOf(person);
      expect(await findReading({ readingId, actor })).toBeNull();
      expect((await listReadings({ actor, take: 500 })).some((reading) => reading.id === readingId)).toBe(false);
      const error = await rejection(listReadingAnnotations({ actor, readingId, courseId: null }));
      expect([error.code, error.message]).toEqual(["NOT_FOUND", "Reading not found."]);
    }
    expect(await findReading({ readingId, actor: null })).toBeNull();
    expect(
      (await listReadings({ actor: await actorOf("creator"), take: 500 })).find((reading) => reading.id === readingId)?.paragraphCount,
    ).toBe(4);
  });

  it("[READING ACCESS] 'not allowed' and 'does not exist' are the same 404 on every reading-scoped service", async () => {
    const actor = await actorOf("student");
    const missing = await rejection(listReadingAnnotations({ actor, readingId: "no-such-reading", courseId: null }));
    const hidden = await rejection(listReadingAnnotations({ actor, readingId, courseId: null }));
    expect([hidden.code, hidden.message]).toEqual([missing.code, missing.message]);
    const thread = await rejection(listParagraphThread({ actor, readingId, courseId: null, paragraphPosition: 1 }));
    expect([thread.code, thread.message]).toEqual([missing.code, missing.message]);
    const create = await rejection(highlight("student", readingId, "Scholia"));
    expect([create.code, create.message]).toEqual([missing.code, missing.message]);
  });

  it("[READING ACCESS] once assigned in a course, every member of that course opens it; other courses still do not", async () => {
    const assigned = await addReading();
    await assign(assigned);
    for (const person of ["student", "ta", "otherStudent"] as const) {
      expect(await findReading({ readingId: assigned, actor: await actorOf(person) })).not.toBeNull();
      expect((await listReadings({ actor: await actorOf(person), take: 500 })).some((reading) => reading.id === assigned)).toBe(true);
    }
    expect(await findReading({ readingId: assigned, actor: await actorOf("outsider") })).toBeNull();
    // Readable alone (personal notes) as well as in the course.
    await expect(listReadingAnnotations({ actor: await actorOf("student"), readingId: assigned, courseId: null })).resolves.toMatchObject({
      total: 0,
    });
  });

  it("[READING ACCESS] the Prisma scope and the domain rule agree for every actor and reading", async () => {
    const db = getDb();
    const ids = [readingId, ...readingIds];
    const readings = await db.reading.findMany({
      where: { id: { in: ids } },
      select: { id: true, isPublic: true, createdById: true, assignments: { select: { courseId: true } } },
    });
    for (const person of [...PEOPLE, null]) {
      const actor = person ? await actorOf(person) : null;
      const scoped = new Set(
        (await db.reading.findMany({ where: { AND: [{ id: { in: ids } }, readingReadScope(actor)] }, select: { id: true } })).map(
          (row) => row.id,
        ),
      );
      for (const reading of readings) {
        const facts = {
          isPublic: reading.isPublic,
          createdById: reading.createdById,
          assignedCourseIds: reading.assignments.map((item) => item.courseId),
        };
        expect(scoped.has(reading.id), `${person ?? "signed out"} on ${reading.id}`).toBe(canReadReading(actor, facts));
      }
    }
  });
});

describe("editing a reading's text", () => {
  it("[VERSIONS] inserting a paragraph and changing a word elsewhere: annotations follow their words; versions 1 and 2 are stored", async () => {
    const readingId = await addReading();
    await assign(readingId);
    const note = await highlight("creator", readingId, "lazy dog", { courseId: course, kind: "COMMENT", visibility: "COURSE" });
    const db = getDb();
    const before = await db.paragraph.findMany({ where: { readingId }, orderBy: { position: "asc" } });

    const inserted = "A new first paragraph, inserted above everything else.";
    const result = await editText(readingId, [inserted, P1.replace("keeps", "preserves"), P2, P3, P4].join("\n\n"));
    expect(result).toMatchObject({ outcome: "new-version", version: 2, reanchored: 1, orphaned: 0 });

    const text = await canonicalText(readingId);
    const moved = await db.annotation.findUniqueOrThrow({ where: { id: note.id } });
    expect(text.slice(moved.startOffset!, moved.endOffset!)).toBe("lazy dog");
    expect(moved.startOffset).toBe(note.target!.start + inserted.length + 2 + ("preserves".length - "keeps".length));
    expect(moved.anchorStatus).toBe("ANCHORED");
    expect(moved.quotePrefix).toBe(text.slice(moved.startOffset! - 32, moved.startOffset!));
    // The same paragraph row, renumbered 2 → 3.
    const paragraph = await db.paragraph.findUniqueOrThrow({ where: { id: moved.paragraphId } });
    expect(paragraph).toMatchObject({ id: before[1]!.id, position: 3, text: P2, retiredInVersion: null });
    // The edited paragraph kept its row too; nothing was retired or deleted.
    expect(await db.paragraph.findUniqueOrThrow({ where: { id: before[0]!.id } })).toMatchObject({ position: 2, retiredInVersion: null });
    expect(await db.paragraph.count({ where: { readingId } })).toBe(5);
    const versions = await db.readingVersion.findMany({ where: { readingId }, orderBy: { version: "asc" } });
    expect(versions.map((version) => [version.version, version.canonicalText.startsWith(inserted)])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((versions[0]!.paragraphs as unknown[]).length).toBe(4);

    // The page paints it where the words are now.
    const workspace = await loadWorkspaceFor(users.student.id, readingId, course);
    expect(workspace?.paintedRanges()).toEqual([{ id: note.id, start: moved.startOffset, end: moved.endOffset, color: "yellow" }]);
    expect(workspace?.postCounts).toEqual({ 3: 1 });
  });

  it("[VERSIONS] a quote whose words changed a little is found fuzzily and now quotes the new words", async () => {
    const readingId = await addReading();
    const note = await highlight("creator", readingId, "quick brown fox jumps over the lazy dog");
    await editText(readingId, [P1, P2.replace("quick brown fox", "quick red fox"), P3, P4].join("\n\n"));
    const moved = await getDb().annotation.findUniqueOrThrow({ where: { id: note.id } });
    expect(moved.anchorStatus).toBe("ANCHORED");
    expect(moved.quoteExact).toBe("quick red fox jumps over the lazy dog");
    expect((await canonicalText(readingId)).slice(moved.startOffset!, moved.endOffset!)).toBe(moved.quoteExact);
  });

  it("[VERSIONS] a deleted passage's annotations become orphans, kept with their quote, and the paragraph row is retired, not deleted", async () => {
    const readingId = await addReading();
    await assign(readingId);
    const db = getDb();
    const removedParagraph = await db.paragraph.findFirstOrThrow({ where: { readingId, position: 3 } });
    const comment = await highlight("student", readingId, "removed entirely", { courseId: course, kind: "COMMENT", visibility: "COURSE" });
    const paragraphPost = await createAnnotation({
      actorId: users.student.id,
      input: createAnnotationInputSchema.parse({
        readingId,
        courseId: course,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 3 },
        body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "On the third paragraph." }] }] },
      }),
    });
    const reply = await db.annotation.create({
      data: {
        kind: "REPLY",
        authorId: users.creator.id,
        readingId,
        paragraphId: removedParagraph.id,
        courseId: course,
        visibility: "COURSE",
        parentId: paragraphPost.id,
        rootId: paragraphPost.id,
      },
    });
    const kept = await highlight("student", readingId, "Closing words", { courseId: course });
    const countBefore = await db.annotation.count({ where: { readingId } });
    const input = { title: `${prefix} Versioned Reading`, text: [P1, P2, P4].join("\n\n") };
    expect((await previewReadingEdit({ actorId: users.creator.id, readingId, input })).changes).toEqual({
      kept: 3,
      changed: 0,
      added: 0,
      removed: 1,
      orphaned: 2,
    });

    const result = await editText(readingId, [P1, P2, P4].join("\n\n"));
    expect(result).toMatchObject({ version: 2, orphaned: 2 });
    expect(await db.annotation.count({ where: { readingId } })).toBe(countBefore);
    const orphan = await db.annotation.findUniqueOrThrow({ where: { id: comment.id } });
    expect(orphan).toMatchObject({ anchorStatus: "ORPHAN", quoteExact: "removed entirely", paragraphId: removedParagraph.id });
    expect(await db.annotation.findUniqueOrThrow({ where: { id: paragraphPost.id } })).toMatchObject({ anchorStatus: "ORPHAN" });
    expect(await db.annotation.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ paragraphId: removedParagraph.id });
    expect(await db.paragraph.findUniqueOrThrow({ where: { id: removedParagraph.id } })).toMatchObject({ retiredInVersion: 2, text: P3 });
    const keptNow = await db.annotation.findUniqueOrThrow({ where: { id: kept.id } });
    expect(keptNow.anchorStatus).toBe("ANCHORED");
    expect((await db.paragraph.findUniqueOrThrow({ where: { id: keptNow.paragraphId } })).position).toBe(3);

    // Only current paragraphs are part of the reading now.
    expect((await findReading({ readingId, actor: await actorOf("student") }))?.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      P1,
      P2,
      P4,
    ]);
    const thread = await listParagraphThread({ actor: await actorOf("student"), readingId, courseId: course, paragraphPosition: 3 });
    expect(thread.roots).toEqual([]);

    // Listed for the author and the course's staff; not for a classmate, though it was COURSE-visible.
    const orphanIds = async (person: Person) =>
      (await listOrphanedAnnotations({ actor: await actorOf(person), readingId })).items.map((item) => item.id).sort();
    const both = [comment.id, paragraphPost.id].sort();
    expect(await orphanIds("student")).toEqual(both);
    expect(await orphanIds("creator")).toEqual(both);
    expect(await orphanIds("ta")).toEqual(both);
    expect(await orphanIds("otherStudent")).toEqual([]);
    const listed = await listOrphanedAnnotations({ actor: await actorOf("ta"), readingId });
    expect(listed.items.find((item) => item.id === comment.id)).toMatchObject({
      quote: "removed entirely",
      bodyHtml: expect.stringContaining("About removed entirely"),
    });
    expect(listed.items.find((item) => item.id === paragraphPost.id)?.formerParagraph).toEqual({ position: 3, text: P3 });
  });

  it("[VERSIONS] an orphan whose words come back in a later edit is anchored again; each version is kept", async () => {
    const readingId = await addReading();
    const note = await highlight("creator", readingId, "removed entirely");
    await editText(readingId, [P1, P2, P4].join("\n\n"));
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: note.id } })).anchorStatus).toBe("ORPHAN");
    const result = await editText(readingId, [P1, P2, P3, P4].join("\n\n"));
    expect(result.version).toBe(3);
    const back = await getDb().annotation.findUniqueOrThrow({ where: { id: note.id } });
    expect(back.anchorStatus).toBe("ANCHORED");
    expect((await canonicalText(readingId)).slice(back.startOffset!, back.endOffset!)).toBe("removed entirely");
    expect(
      (await getDb().readingVersion.findMany({ where: { readingId }, select: { version: true }, orderBy: { version: "asc" } })).map(
        (row) => row.version,
      ),
    ).toEqual([1, 2, 3]);
    // Position and key stay unique among current paragraphs (the partial indexes held).
    expect(await getDb().paragraph.count({ where: { readingId, retiredInVersion: null } })).toBe(4);
  });

  it("[VERSIONS] only the creator edits: a member of the course gets 403, someone who cannot open it 404", async () => {
    const readingId = await addReading();
    await assign(readingId);
    const input = { title: "T", text: "Replaced." };
    expect((await rejection(previewReadingEdit({ actorId: users.student.id, readingId, input }))).code).toBe("FORBIDDEN");
    expect((await rejection(editReadingText({ actorId: users.ta.id, readingId, input, previewDigest: null }))).code).toBe("CONFLICT");
    const preview = await previewReadingEdit({ actorId: users.creator.id, readingId, input });
    expect((await rejection(editReadingText({ actorId: users.ta.id, readingId, input, previewDigest: preview.digest }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await rejection(editReadingText({ actorId: users.outsider.id, readingId, input, previewDigest: preview.digest }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await canonicalText(readingId)).toBe([P1, P2, P3, P4].join("\n\n"));
  });

  it("[VERSIONS] an annotation placed while an edit is being saved is refused (CONFLICT), not anchored to the old text", async () => {
    const readingId = await addReading();
    const db = getDb();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let isLocked = false;
    // Stands in for an edit: holds the reading's text lock and bumps its version until released.
    const edit = db.$transaction(
      async (tx) => {
        await lockReadingText(tx, readingId, "exclusive");
        await tx.reading.update({ where: { id: readingId }, data: { version: { increment: 1 } } });
        isLocked = true;
        await held;
      },
      { timeout: 20_000 },
    );
    while (!isLocked) await new Promise((resolve) => setTimeout(resolve, 10));
    const placing = highlight("creator", readingId, "lazy dog").then(
      () => null,
      (error: unknown) => error,
    );
    // Release only once the annotation is waiting for the lock, having read the old version.
    for (let waiting = 0; waiting === 0;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      waiting = Number(
        (await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)[0]!
          .count,
      );
    }
    release();
    await edit;
    const error = await placing;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
    expect(await db.annotation.count({ where: { readingId } })).toBe(0);
  });

  it("[VERSIONS] two edits at once are serialised: both versions are stored, the text is the later one", async () => {
    const readingId = await addReading();
    const first = [P1, P2, P4].join("\n\n");
    const second = [P1, P2, P3, P4, "An added last paragraph."].join("\n\n");
    const results = await Promise.all([editText(readingId, first), editText(readingId, second)]);
    expect(results.map((result) => result.version).sort()).toEqual([2, 3]);
    const finalText = await canonicalText(readingId);
    const last = results.find((result) => result.version === 3)!;
    expect([first, second]).toContain(finalText);
    expect(last.outcome).toBe("new-version");
    expect(await getDb().paragraph.count({ where: { readingId, retiredInVersion: null } })).toBe(finalText.split("\n\n").length);
  });
});
