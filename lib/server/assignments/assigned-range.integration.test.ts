// An assignment may cover some pages of a reading imported from a PDF: the pages are checked
// against the reading, the reading opens there, and what is assessed — insights, the heat map,
// grading, the students' post counts — counts only the posts on those pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { assembleReadingFromBlocks, type ReadingBlock } from "../../domain/reading-import.ts";
import { createAnnotation } from "../annotations/create-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { computeGrades } from "../grading/compute-grades.ts";
import { loadAssignmentInsights } from "../insights/load-assignment-insights.ts";
import { insertReading } from "../readings/insert-reading.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { assignmentFormSchema } from "./assignment-input.ts";
import { countStudentPosts } from "./count-student-posts.ts";
import { createAssignment } from "./create-assignment.ts";
import { findAssignedRange } from "./find-assigned-range.ts";
import { listAssignedStudents } from "./list-assigned-students.ts";
import { updateAssignment } from "./update-assignment.ts";

let fx: CourseFixture;
let paperId = "";
let assignmentId = "";

const form = (fields: Record<string, string>) =>
  assignmentFormSchema.parse({ title: "Read pages 2–4", minPosts: "0", audience: "class", ...fields });

/** Ten pages, two paragraphs a page: paragraphs 2p-1 and 2p are on page p. */
function paperBlocks(): ReadingBlock[] {
  return Array.from({ length: 20 }, (_, index) => ({
    text: `Paragraph ${index + 1} of the paper, printed on page ${Math.floor(index / 2) + 1}.`,
    kind: "TEXT" as const,
    level: null,
    page: Math.floor(index / 2) + 1,
  }));
}

beforeAll(async () => {
  fx = await createCourseFixture("pages");
  const imported = assembleReadingFromBlocks(paperBlocks(), "A Paper in Pages");
  paperId = (
    await getDb().$transaction((tx) => insertReading(tx, { title: "A Paper in Pages", imported, createdById: fx.users.instructor.id }))
  ).id;
  assignmentId = (
    await createAssignment({
      actorId: fx.users.instructor.id,
      courseId: fx.courseId,
      readingId: paperId,
      input: form({ firstPage: "2", lastPage: "4" }),
    })
  ).id;
  const post = (person: "studentA1" | "studentB", paragraph: number, text: string) =>
    createAnnotation({
      actorId: fx.users[person].id,
      input: createAnnotationInputSchema.parse({
        readingId: paperId,
        courseId: fx.courseId,
        kind: "PARAGRAPH_POST",
        target: { paragraph },
        body: plainBody(text),
        visibility: "COURSE",
      }),
    });
  await post("studentA1", 3, "On page two, assigned.");
  await post("studentA1", 15, "On page eight, read beyond the assignment.");
  await post("studentB", 8, "On page four, assigned.");
}, 60_000);

afterAll(async () => {
  await getDb().reading.deleteMany({ where: { id: paperId } });
  await fx.cleanUp();
  await disconnectDb();
});

describe("assigning pages of a reading", () => {
  it("[ASSIGNMENTS] the form takes both pages or neither, the first not after the last", () => {
    expect(form({ firstPage: "", lastPage: "" }).range).toBeNull();
    expect(form({ firstPage: "1", lastPage: "5" }).range).toEqual({ kind: "PAGES", first: 1, last: 5, version: null });
    const issues = (fields: Record<string, string>) =>
      assignmentFormSchema
        .safeParse({ title: "T", minPosts: "0", audience: "class", ...fields })
        .error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ firstPage: "3" })).toEqual([["lastPage", "Give both the first and the last page, or choose the whole reading."]]);
    expect(issues({ firstPage: "5", lastPage: "2" })).toEqual([["lastPage", "The last page cannot come before the first page."]]);
    expect(issues({ firstPage: "0", lastPage: "2" })).toEqual([["firstPage", "Enter a page number, e.g. 5."]]);
  });

  it("[ASSIGNMENTS] pages must be pages of the reading: past its end, or on a reading without pages, is refused with a field message", async () => {
    const refusal = (readingId: string, firstPage: string, lastPage: string) =>
      createAssignment({ actorId: fx.users.instructor.id, courseId: fx.courseId, readingId, input: form({ firstPage, lastPage }) });
    await expect(refusal(paperId, "9", "11")).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { lastPage: ["The reading ends on page 10."] },
    });
    await expect(refusal(fx.reading.id, "1", "2")).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { firstPage: expect.any(Array) },
    });
    await expect(
      updateAssignment({
        actorId: fx.users.instructor.id,
        courseId: fx.courseId,
        assignmentId,
        input: form({ firstPage: "1", lastPage: "12" }),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(
      await getDb().assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { firstPage: true, lastPage: true } }),
    ).toEqual({
      firstPage: 2,
      lastPage: 4,
    });
  });

  it("[ASSIGNMENTS] the reading opens at the assigned pages for the course's members, not in one's own notes or elsewhere", async () => {
    const find = async (person: "studentA1" | "outsider", courseId: string | null) =>
      findAssignedRange({ actor: await fx.actor(person), readingId: paperId, courseId, sections: [] });
    // Pages 2–4 are paragraphs 3–8 (two a page).
    expect(await find("studentA1", fx.courseId)).toEqual({ title: "Read pages 2–4", kind: "PAGES", label: "pages 2–4", from: 3, to: 8 });
    expect(await find("studentA1", null)).toBeNull();
    expect(await find("outsider", fx.courseId)).toBeNull();
  });

  it("[ASSIGNMENTS] insights, the heat map, grading and post counts count only the posts on the assigned pages", async () => {
    const insights = await loadAssignmentInsights({ actorId: fx.users.instructor.id, courseId: fx.courseId, assignmentId });
    const a1 = insights.students.find((student) => student.studentId === fx.users.studentA1.id)!;
    expect(a1.posts).toBe(1);
    expect(a1.paragraphs).toEqual([3]);
    const heat = Object.fromEntries(insights.paragraphs.map((paragraph) => [paragraph.position, paragraph.posts]));
    expect(heat).toMatchObject({ 3: 1, 8: 1, 15: 0 });
    // Every paragraph stays in the heat map: the rest of the reading is still there, with nothing counted.
    expect(insights.paragraphs).toHaveLength(20);

    expect((await countStudentPosts(fx.users.studentA1.id, [assignmentId])).get(assignmentId)).toEqual({ posts: 1, postsOnTime: 1 });

    const students = await listAssignedStudents({ courseId: fx.courseId, groupIds: [] });
    const grades = await computeGrades({
      actor: await fx.actor("instructor"),
      assignmentId,
      dueAt: null,
      criteria: [
        { kind: "MIN_POSTS_BEFORE_DUE", minPosts: 1, points: 1 },
        { kind: "MIN_POSTS_BEFORE_DUE", minPosts: 2, points: 1 },
      ],
      students,
    });
    const a1Grade = grades.find((grade) => grade.student.id === fx.users.studentA1.id)!;
    // Two posts, one on the assigned pages: one post counts.
    expect(a1Grade.grade.results[0]).toMatchObject({ isMet: true, evidence: [expect.any(String)] });
    expect(a1Grade.grade.results[1]).toMatchObject({ isMet: false });
  });
});
