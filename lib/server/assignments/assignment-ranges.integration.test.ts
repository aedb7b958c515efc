// An assignment may cover a range of sections of a long reading or a range of paragraphs of any
// reading without pages (#16.4): the choice is checked against the reading as it is now (and the
// version the form's lists came from), saved as its first and last paragraph rows, counted only
// there, and follows its paragraphs when the reading's text is edited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { assembleReadingFromBlocks, type ReadingBlock } from "../../domain/reading-import.ts";
import { createAnnotation } from "../annotations/create-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { computeGrades } from "../grading/compute-grades.ts";
import { loadAssignmentInsights } from "../insights/load-assignment-insights.ts";
import { editReadingText } from "../readings/edit-reading-text.ts";
import { insertReading } from "../readings/insert-reading.ts";
import { loadReadingOutline } from "../readings/load-reading-outline.ts";
import { prepareReadingText } from "../readings/prepare-reading-text.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { assignmentFormSchema } from "./assignment-input.ts";
import { countStudentPosts } from "./count-student-posts.ts";
import { createAssignment } from "./create-assignment.ts";
import { findAssignedRange } from "./find-assigned-range.ts";
import { listAssignedStudents } from "./list-assigned-students.ts";
import { loadAssignmentForMember } from "./load-assignment-for-member.ts";
import { loadRangeOptions } from "./load-range-options.ts";
import { updateAssignment } from "./update-assignment.ts";

let fx: CourseFixture;
let bookId = "";
let notesId = "";

const form = (fields: Record<string, string>) =>
  assignmentFormSchema.parse({ title: "Part of it", minPosts: "0", audience: "class", ...fields });

/** Three chapters of 36 paragraphs of about 1,000 characters, no pages (a long pasted or Word text): 108,000 characters. */
function bookBlocks(): ReadingBlock[] {
  const blocks: ReadingBlock[] = [];
  for (let chapter = 1; chapter <= 3; chapter++) {
    blocks.push({ text: `Chapter ${chapter}`, kind: "HEADING", level: 1, page: null });
    for (let index = 1; index <= 36; index++) {
      const sentence = `Chapter ${chapter}, paragraph ${index}: a sentence that a class reads closely and writes about. `;
      blocks.push({ text: sentence.repeat(12).trim(), kind: "TEXT", level: null, page: null });
    }
  }
  return blocks;
}

const NOTE_PARAGRAPHS = Array.from({ length: 9 }, (_, index) => `Note ${index + 1} opens with these words and then goes on for a while.`);

async function insert(title: string, blocks: ReadingBlock[]): Promise<string> {
  const imported = assembleReadingFromBlocks(blocks, title);
  return (await getDb().$transaction((tx) => insertReading(tx, { title, imported, createdById: fx.users.instructor.id }))).id;
}

const post = (person: "studentA1" | "studentB", readingId: string, paragraph: number, text: string) =>
  createAnnotation({
    actorId: fx.users[person].id,
    input: createAnnotationInputSchema.parse({
      readingId,
      courseId: fx.courseId,
      kind: "PARAGRAPH_POST",
      target: { paragraph },
      body: plainBody(text),
      visibility: "COURSE",
    }),
  });

const assign = (readingId: string, fields: Record<string, string>) =>
  createAssignment({ actorId: fx.users.instructor.id, courseId: fx.courseId, readingId, input: form(fields) });

const boundaries = async (assignmentId: string) =>
  getDb().assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: { rangeKind: true, firstParagraph: { select: { position: true } }, lastParagraph: { select: { position: true } } },
  });

beforeAll(async () => {
  fx = await createCourseFixture("ranges");
  bookId = await insert("A Long Pasted Book", bookBlocks());
  notesId = await insert(
    "Nine Notes",
    NOTE_PARAGRAPHS.map((text) => ({ text, kind: "TEXT" as const, level: null, page: null })),
  );
}, 60_000);

afterAll(async () => {
  await getDb().reading.deleteMany({ where: { id: { in: [bookId, notesId] } } });
  await fx.cleanUp();
  await disconnectDb();
});

describe("the choices the form offers", () => {
  it("[ASSIGNMENTS] a long reading offers its sections by title; a reading without pages its paragraphs by first words", async () => {
    const book = await loadRangeOptions({ actorId: fx.users.instructor.id, courseId: fx.courseId, readingId: bookId });
    expect(book.lastPage).toBeNull();
    expect(book.version).toBe(1);
    expect(book.sections.map((section) => [section.number, section.title, section.from, section.to])).toEqual([
      [1, "Chapter 1", 1, 37],
      [2, "Chapter 2", 38, 74],
      [3, "Chapter 3", 75, 111],
    ]);
    expect(book.paragraphs).toHaveLength(111);
    const notes = await loadRangeOptions({ actorId: fx.users.instructor.id, courseId: fx.courseId, readingId: notesId });
    expect(notes.sections).toEqual([]);
    expect(notes.paragraphs[3]).toEqual({ position: 4, words: "Note 4 opens with these words and then…" });
  });

  it("[PERMISSIONS] only those who may assign in the course see them: a student is refused, an outsider told there is no such course", async () => {
    await expect(loadRangeOptions({ actorId: fx.users.studentA1.id, courseId: fx.courseId, readingId: notesId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(loadRangeOptions({ actorId: fx.users.outsider.id, courseId: fx.courseId, readingId: notesId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("validating a range", () => {
  it("[ASSIGNMENTS] the form takes both ends of the chosen kind, the first not after the last; other kinds' fields are ignored", () => {
    expect(form({ range: "sections", firstSection: "2", lastSection: "3", rangeVersion: "1", firstPage: "9" }).range).toEqual({
      kind: "SECTIONS",
      first: 2,
      last: 3,
      version: 1,
    });
    expect(form({ range: "whole", firstParagraph: "4", lastParagraph: "2" }).range).toBeNull();
    const issues = (fields: Record<string, string>) =>
      assignmentFormSchema
        .safeParse({ title: "T", minPosts: "0", audience: "class", ...fields })
        .error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ range: "sections", firstSection: "3", lastSection: "2" })).toEqual([
      ["lastSection", "The last section cannot come before the first section."],
    ]);
    expect(issues({ range: "paragraphs", firstParagraph: "4" })).toEqual([
      ["lastParagraph", "Give both the first and the last paragraph, or choose the whole reading."],
    ]);
    expect(issues({ range: "paragraphs", firstParagraph: "x", lastParagraph: "2" })).toEqual([
      ["firstParagraph", "Choose a paragraph from the list."],
    ]);
    expect(issues({ range: "chapters" })?.[0]?.[0]).toBe("range");
  });

  it("[ASSIGNMENTS] sections and paragraphs must be the reading's, in the version the form showed: else a field message and nothing saved", async () => {
    const before = await getDb().assignment.count({ where: { courseId: fx.courseId } });
    await expect(assign(bookId, { range: "sections", firstSection: "2", lastSection: "4", rangeVersion: "1" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { lastSection: ["Choose a section of this reading (it has 3)."] },
    });
    await expect(assign(notesId, { range: "sections", firstSection: "1", lastSection: "1" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { firstSection: [expect.stringContaining("not cut into sections")] },
    });
    await expect(assign(notesId, { range: "paragraphs", firstParagraph: "4", lastParagraph: "10" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { lastParagraph: ["Choose a paragraph of this reading (¶ 1 to ¶ 9)."] },
    });
    await expect(assign(notesId, { range: "pages", firstPage: "1", lastPage: "2" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { firstPage: [expect.stringContaining("no pages")] },
    });
    await expect(assign(bookId, { range: "sections", firstSection: "1", lastSection: "2", rangeVersion: "7" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { firstSection: [expect.stringContaining("edited since this form was opened")] },
    });
    expect(await getDb().assignment.count({ where: { courseId: fx.courseId } })).toBe(before);
  });
});

describe("a range of sections", () => {
  it("[ASSIGNMENTS] is saved as paragraphs, named by its sections, opened at its first paragraph, and counted alone", async () => {
    const { id } = await assign(bookId, { range: "sections", firstSection: "2", lastSection: "3", rangeVersion: "1" });
    expect(await boundaries(id)).toEqual({ rangeKind: "SECTIONS", firstParagraph: { position: 38 }, lastParagraph: { position: 111 } });
    const outline = await loadReadingOutline({ readingId: bookId, actor: await fx.actor("studentA1") });
    expect(
      await findAssignedRange({
        actor: await fx.actor("studentA1"),
        readingId: bookId,
        courseId: fx.courseId,
        sections: outline!.sections,
      }),
    ).toEqual({
      title: "Part of it",
      kind: "SECTIONS",
      label: "Chapter 2 to Chapter 3",
      from: 38,
      to: 111,
    });
    const detail = await loadAssignmentForMember({ actorId: fx.users.instructor.id, courseId: fx.courseId, assignmentId: id });
    expect(detail.assignedPart).toEqual({ kind: "SECTIONS", label: "Chapter 2 to Chapter 3", from: 38, to: 111 });

    await post("studentA1", bookId, 3, "Chapter one: before the assigned part.");
    await post("studentA1", bookId, 40, "Chapter two: assigned.");
    const insights = await loadAssignmentInsights({ actorId: fx.users.instructor.id, courseId: fx.courseId, assignmentId: id });
    const a1 = insights.students.find((student) => student.studentId === fx.users.studentA1.id)!;
    expect([a1.posts, a1.paragraphs]).toEqual([1, [40]]);
    expect((await countStudentPosts(fx.users.studentA1.id, [id])).get(id)).toEqual({ posts: 1, postsOnTime: 1 });
  });
});

describe("a range of paragraphs", () => {
  let assignmentId = "";

  it("[ASSIGNMENTS] counts only the posts on its paragraphs: insights, the heat map, grading and post counts", async () => {
    assignmentId = (await assign(notesId, { range: "paragraphs", firstParagraph: "4", lastParagraph: "6", rangeVersion: "1" })).id;
    await post("studentA1", notesId, 2, "Before the assigned paragraphs.");
    await post("studentA1", notesId, 5, "Inside them.");
    await post("studentB", notesId, 8, "After them.");
    const insights = await loadAssignmentInsights({ actorId: fx.users.instructor.id, courseId: fx.courseId, assignmentId });
    const heat = Object.fromEntries(insights.paragraphs.map((paragraph) => [paragraph.position, paragraph.posts]));
    expect(heat).toMatchObject({ 2: 0, 5: 1, 8: 0 });
    expect(insights.students.find((student) => student.studentId === fx.users.studentB.id)?.posts ?? 0).toBe(0);
    expect((await countStudentPosts(fx.users.studentA1.id, [assignmentId])).get(assignmentId)).toEqual({ posts: 1, postsOnTime: 1 });
    const grades = await computeGrades({
      actor: await fx.actor("instructor"),
      assignmentId,
      dueAt: null,
      criteria: [{ kind: "MIN_POSTS_BEFORE_DUE", minPosts: 2, points: 1 }],
      students: await listAssignedStudents({ courseId: fx.courseId, groupIds: [] }),
    });
    expect(grades.find((grade) => grade.student.id === fx.users.studentA1.id)!.grade.results[0]).toMatchObject({ isMet: false });
    const label = async () =>
      (await findAssignedRange({ actor: await fx.actor("studentB"), readingId: notesId, courseId: fx.courseId, sections: [] }))?.label;
    expect(await label()).toBe("¶ 4–6");
  });

  it("[ASSIGNMENTS] follows its paragraphs across an edit: a paragraph added before moves it, a removed end moves inward", async () => {
    const edit = async (paragraphs: string[]) => {
      const input = { title: "Nine Notes", text: paragraphs.join("\n\n") };
      const { digest } = prepareReadingText({ ...input, format: "paragraphs" });
      await editReadingText({ actorId: fx.users.instructor.id, readingId: notesId, input, previewDigest: digest });
    };
    // A new first paragraph, and note 4 (the range's first) removed: the range is notes 5–6, now ¶ 5–6.
    const added = "A new opening paragraph, written after the assignment was made.";
    await edit([added, ...NOTE_PARAGRAPHS.filter((_, index) => index !== 3)]);
    expect(await boundaries(assignmentId)).toMatchObject({ firstParagraph: { position: 5 }, lastParagraph: { position: 6 } });
    const insights = await loadAssignmentInsights({ actorId: fx.users.instructor.id, courseId: fx.courseId, assignmentId });
    expect(insights.paragraphs.find((paragraph) => paragraph.position === 5)?.posts).toBe(1);

    // The form's lists came from version 1: a change of range from them is asked again.
    await expect(
      updateAssignment({
        actorId: fx.users.instructor.id,
        courseId: fx.courseId,
        assignmentId,
        input: form({ range: "paragraphs", firstParagraph: "1", lastParagraph: "2", rangeVersion: "1" }),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { firstParagraph: [expect.any(String)] } });

    // Every paragraph of the range removed: the assignment covers the whole reading again.
    await edit([added, ...NOTE_PARAGRAPHS.filter((_, index) => index < 3 || index > 5)]);
    expect(await boundaries(assignmentId)).toEqual({ rangeKind: null, firstParagraph: null, lastParagraph: null });
  });
});
