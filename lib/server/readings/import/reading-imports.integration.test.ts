// Document imports against a real database: upload → worker thread → preview → save, with the
// original kept and served by the reading's own permission scope.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeMinimalPdf } from "../../../../scripts/lib/minimal-pdf.ts";
import { UNSAVEABLE_TEXT_MESSAGE } from "../../../domain/saveable-text.ts";
import { disconnectDb, getDb } from "../../db.ts";
import { loadActorContext } from "../../permissions/annotation-scope.ts";
import { findReading } from "../find-reading.ts";
import { findReadingOriginal } from "../find-reading-original.ts";
import { findReadingImport, type ReadingImportView } from "./find-reading-import.ts";
import { STALE_AFTER_MS } from "./import-liveness.ts";
import { retryReadingImport } from "./retry-reading-import.ts";
import { saveReadingImport } from "./save-reading-import.ts";
import { startReadingImport } from "./start-reading-import.ts";
import { createPeople } from "../../testing/people.ts";
import { eventually } from "../../testing/eventually.ts";

// Each import boots a worker thread that compiles pdf.js through tsx: seconds on a quiet machine,
// tens of seconds on a busy one, and some tests wait for two imports.
vi.setConfig({ testTimeout: 150_000 });

const prefix = `imports-${randomUUID().slice(0, 8)}`;
const people: Record<"instructor" | "student" | "outsider" | "otherInstructor", string> = {
  instructor: "",
  student: "",
  outsider: "",
  otherInstructor: "",
};
let courseId = "";

const paperPdf = makeMinimalPdf(
  [
    {
      lines: [
        { text: "A Short Paper on Margins", x: 72, y: 740, size: 20 },
        { text: "Readers write in margins to talk back to the text they read,", x: 84, y: 700 },
        { text: "and a class that shares its margins reads more closely.", x: 72, y: 686 },
        { text: "A second paragraph starts on this page and goes on over", x: 84, y: 660 },
      ],
    },
    { lines: [{ text: "the break to the second page, where it ends.", x: 72, y: 740 }] },
  ],
  { title: "Margins" },
);
const wordSample = new Uint8Array(
  readFileSync(path.resolve(import.meta.dirname, "../../../../e2e/fixtures/readings/scholia-word-sample.docx")),
);

async function waitForImport(actorId: string, importId: string): Promise<ReadingImportView> {
  let state = "";
  return eventually(
    `import ${importId} to finish`,
    async () => {
      const view = await findReadingImport({ actorId, importId, withResult: true });
      state = view.state;
      return view.state === "DONE" || view.state === "FAILED" ? view : null;
    },
    { timeoutMs: 120_000, intervalMs: 100, describe: () => `still ${state}` },
  );
}

beforeAll(async () => {
  const db = getDb();
  const accounts = await createPeople(prefix, Object.keys(people) as (keyof typeof people)[], { nameOf: (person) => person });
  for (const person of Object.keys(people) as (keyof typeof people)[]) people[person] = accounts[person].id;
  const course = await db.course.create({ data: { title: `${prefix} course` } });
  const other = await db.course.create({ data: { title: `${prefix} other` } });
  courseId = course.id;
  await db.membership.createMany({
    data: [
      { userId: people.instructor, courseId: course.id, role: "INSTRUCTOR" },
      { userId: people.student, courseId: course.id, role: "STUDENT" },
      { userId: people.outsider, courseId: other.id, role: "STUDENT" },
      { userId: people.otherInstructor, courseId: other.id, role: "INSTRUCTOR" },
    ],
  });
});

afterAll(async () => {
  const db = getDb();
  const ids = Object.values(people);
  const readings = await db.reading.findMany({ where: { createdById: { in: ids } }, select: { id: true } });
  await db.reading.deleteMany({ where: { id: { in: readings.map((reading) => reading.id) } } });
  await db.readingImport.deleteMany({ where: { createdById: { in: ids } } });
  await db.readingFile.deleteMany({ where: { uploadedById: { in: ids } } });
  await db.course.deleteMany({ where: { title: { startsWith: prefix } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
  await disconnectDb();
});

describe("importing a PDF", () => {
  let importId = "";
  let preview: ReadingImportView;

  it("[IMPORT] an upload is kept and imported off the request thread into a preview with pages", async () => {
    ({ id: importId } = await startReadingImport({ actorId: people.instructor, fileName: "margins.pdf", bytes: paperPdf }));
    preview = await waitForImport(people.instructor, importId);
    expect(preview.state).toBe("DONE");
    expect(preview.pagesTotal).toBe(2);
    expect(preview.pagesDone).toBe(2);
    expect(preview.result?.title).toBe("A Short Paper on Margins");
    expect(preview.result?.blocks.map(({ text, page }) => ({ text, page }))).toEqual([
      {
        text: "Readers write in margins to talk back to the text they read, and a class that shares its margins reads more closely.",
        page: 1,
      },
      { text: "A second paragraph starts on this page and goes on over the break to the second page, where it ends.", page: 1 },
    ]);
    const file = await getDb().readingFile.findFirstOrThrow({ where: { imports: { some: { id: importId } } } });
    expect(Buffer.from(file.bytes).equals(Buffer.from(paperPdf))).toBe(true);
    expect(file).toMatchObject({ fileName: "margins.pdf", mediaType: "application/pdf", byteSize: paperPdf.length });
  });

  it("[VISIBILITY] an import is its uploader's alone: anyone else gets the same 404 as for a missing one", async () => {
    await expect(findReadingImport({ actorId: people.otherInstructor, importId, withResult: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(findReadingImport({ actorId: people.instructor, importId: "missing", withResult: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      saveReadingImport({ actorId: people.otherInstructor, importId, title: "Mine now", previewDigest: preview.digest! }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("[IMPORT] saving re-imports the file and refuses a digest other than the previewed one", async () => {
    await expect(
      saveReadingImport({ actorId: people.instructor, importId, title: "Margins", previewDigest: "stale" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      saveReadingImport({ actorId: people.instructor, importId, title: "  ", previewDigest: preview.digest! }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("[MALFORMED] a title holding a NUL (the preview shows it) is refused with a message on the title, and saves nothing", async () => {
    const readingsBefore = await getDb().reading.count({ where: { createdById: people.instructor } });
    for (const title of ["Margins\u0000", "\u0000", "A \u0000 title"]) {
      await expect(
        saveReadingImport({ actorId: people.instructor, importId, title, previewDigest: preview.digest! }),
      ).rejects.toMatchObject({
        code: "VALIDATION",
        message: UNSAVEABLE_TEXT_MESSAGE,
        fieldErrors: { title: [UNSAVEABLE_TEXT_MESSAGE] },
      });
    }
    expect(await getDb().reading.count({ where: { createdById: people.instructor } })).toBe(readingsBefore);
    expect((await findReadingImport({ actorId: people.instructor, importId, withResult: false })).readingId).toBeNull();
  });

  it("[IMPORT] a save whose fresh import differs shows the new preview instead of saving", async () => {
    const db = getDb();
    const tampered = { ...preview.result!, blocks: [{ text: "Not what the file says.", kind: "TEXT", level: null, page: 1 }] };
    await db.readingImport.update({ where: { id: importId }, data: { result: tampered, digest: "tampered" } });
    await expect(
      saveReadingImport({ actorId: people.instructor, importId, title: "Margins", previewDigest: "tampered" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/different paragraphs/),
    });
    const refreshed = await findReadingImport({ actorId: people.instructor, importId, withResult: true });
    expect(refreshed.digest).toBe(preview.digest);
    expect(refreshed.result?.blocks).toEqual(preview.result?.blocks);
  });

  it("[IMPORT] saving makes the reading with kinds and pages, keeps the original, and a second save changes nothing", async () => {
    const { readingId } = await saveReadingImport({
      actorId: people.instructor,
      importId,
      title: " Margins,  a paper ",
      previewDigest: preview.digest!,
    });
    const reading = await findReading({ readingId, actor: await loadActorContext(people.instructor) });
    expect(reading?.title).toBe("Margins, a paper");
    expect(reading?.paragraphs.map(({ position, kind, page }) => ({ position, kind, page }))).toEqual([
      { position: 1, kind: "TEXT", page: 1 },
      { position: 2, kind: "TEXT", page: 1 },
    ]);
    expect(reading?.originalFile).toEqual({ fileName: "margins.pdf", mediaType: "application/pdf", byteSize: paperPdf.length });
    expect(await saveReadingImport({ actorId: people.instructor, importId, title: "Again", previewDigest: preview.digest! })).toEqual({
      readingId,
    });
    expect(await getDb().reading.count({ where: { createdById: people.instructor } })).toBe(1);
  });

  it("[VISIBILITY] the original is served to those who may read the reading, and to no one else", async () => {
    const { readingId } = (await getDb().readingImport.findUniqueOrThrow({ where: { id: importId }, select: { readingId: true } })) as {
      readingId: string;
    };
    const original = await findReadingOriginal({ actor: await loadActorContext(people.instructor), readingId });
    expect(Buffer.from(original.bytes).equals(Buffer.from(paperPdf))).toBe(true);
    // Not yet assigned: the course's student cannot open the reading, nor its file.
    await expect(findReadingOriginal({ actor: await loadActorContext(people.student), readingId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await getDb().assignment.create({ data: { courseId, readingId, title: "Margins" } });
    expect((await findReadingOriginal({ actor: await loadActorContext(people.student), readingId })).byteSize).toBe(paperPdf.length);
    await expect(findReadingOriginal({ actor: await loadActorContext(people.outsider), readingId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(findReadingOriginal({ actor: null, readingId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("refusals", () => {
  it("[IMPORT] only instructors import; a file that is neither PDF nor .docx, or empty, is refused before it is kept", async () => {
    await expect(startReadingImport({ actorId: people.student, fileName: "paper.pdf", bytes: paperPdf })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      startReadingImport({ actorId: people.instructor, fileName: "notes.pdf", bytes: new TextEncoder().encode("just text") }),
    ).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringMatching(/not a PDF or a Word/) });
    await expect(startReadingImport({ actorId: people.instructor, fileName: "empty.pdf", bytes: new Uint8Array(0) })).rejects.toMatchObject(
      {
        code: "VALIDATION",
      },
    );
    const before = await getDb().readingFile.count({ where: { uploadedById: people.student } });
    expect(before).toBe(0);
  });

  it("[IMPORT] a file over the size cap is refused with 413's code and the cap in the message", async () => {
    const huge = new Uint8Array(20_000_001);
    huge.set(new TextEncoder().encode("%PDF-1.4"));
    await expect(startReadingImport({ actorId: people.instructor, fileName: "huge.pdf", bytes: huge })).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: expect.stringMatching(/at most 20 MB/),
    });
  });

  it("[IMPORT] a PDF that needs a password, or has no text, fails with its reason — stored for the page, never a 500", async () => {
    const locked = await startReadingImport({
      actorId: people.instructor,
      fileName: "locked.pdf",
      bytes: makeMinimalPdf([{ lines: [{ text: "Secret.", x: 72, y: 700 }] }], { requiresPassword: true }),
    });
    const scanned = await startReadingImport({
      actorId: people.instructor,
      fileName: "scan.pdf",
      bytes: makeMinimalPdf([{ lines: [] }, { lines: [] }]),
    });
    expect(await waitForImport(people.instructor, locked.id)).toMatchObject({ state: "FAILED", error: { code: "ENCRYPTED" } });
    expect(await waitForImport(people.instructor, scanned.id)).toMatchObject({ state: "FAILED", error: { code: "NO_TEXT" } });
  });
});

describe("Word and interrupted imports", () => {
  it("[IMPORT] a .docx is imported with its structure and what it left out reported", async () => {
    const { id } = await startReadingImport({ actorId: people.instructor, fileName: "sample.docx", bytes: wordSample });
    const view = await waitForImport(people.instructor, id);
    expect(view.state).toBe("DONE");
    expect(view.format).toBe("docx");
    expect(view.result?.title).toBe("Reading Closely in a Word Document");
    expect(view.result?.report).toMatchObject({ format: "docx", word: { images: 1, tables: 1 } });
  });

  it("[IMPORT] an import whose instance stopped is reported as interrupted and can be run again", async () => {
    const db = getDb();
    const file = await db.readingFile.create({
      data: {
        fileName: "left.pdf",
        mediaType: "application/pdf",
        byteSize: paperPdf.length,
        sha256: "x",
        bytes: Buffer.from(paperPdf),
        uploadedById: people.instructor,
      },
    });
    const stuck = await db.readingImport.create({
      data: {
        fileId: file.id,
        createdById: people.instructor,
        format: "pdf",
        status: "RUNNING",
        heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 1_000),
      },
    });
    expect(await findReadingImport({ actorId: people.instructor, importId: stuck.id, withResult: false })).toMatchObject({
      state: "FAILED",
      error: { code: "INTERRUPTED" },
    });
    await retryReadingImport({ actorId: people.instructor, importId: stuck.id });
    expect(await waitForImport(people.instructor, stuck.id)).toMatchObject({ state: "DONE" });
    await expect(retryReadingImport({ actorId: people.instructor, importId: stuck.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
