import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customCriterionInputSchema, parseRubricForm } from "../../domain/rubric.ts";
import { importReading } from "../../domain/reading-import.ts";
import { disconnectDb, getDb } from "../db.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { createPeople, enrol } from "../testing/people.ts";
import { addCustomCriterion } from "./add-custom-criterion.ts";
import { exportGradesCsv } from "./export-grades-csv.ts";
import { loadAssignmentGrades } from "./load-assignment-grades.ts";
import { loadCriteria } from "./load-criteria.ts";
import { loadRubric } from "./load-rubric.ts";
import { loadStudentGrade } from "./load-student-grade.ts";
import { moveCustomCriterion } from "./move-custom-criterion.ts";
import { removeCustomCriterion } from "./remove-custom-criterion.ts";
import { saveManualScores } from "./save-manual-scores.ts";
import { saveRubric } from "./save-rubric.ts";
import { updateCustomCriterion } from "./update-custom-criterion.ts";
import { errorOf } from "../testing/app-error-of.ts";

// An instructor's own criteria graded by hand, against PostgreSQL: the rubric's rows (the partial
// unique index lets any number of custom criteria stand beside one row per automatic kind), the
// scores (range checked against the criterion as stored), the totals, the CSV and who may do what.
const prefix = `custom-${randomUUID().slice(0, 8)}`;
const PEOPLE = ["instructor", "ta", "ana", "ben", "outsider"] as const;
type Person = (typeof PEOPLE)[number];
let users = {} as Record<Person, { id: string; name: string }>;
let courseId = "";
let archivedCourseId = "";
let readingId = "";
let assignmentId = "";
let otherAssignmentId = "";
let archivedAssignmentId = "";
let anaPost = "";
let anaLatePost = "";

const DUE = new Date("2027-03-01T23:59:00.000Z");
const input = (name: string, points: number, description = "") =>
  customCriterionInputSchema.parse({ name, points: String(points), description });
const ref = (person: Person, assignment = assignmentId, course = courseId) => ({
  actorId: users[person].id,
  courseId: course,
  assignmentId: assignment,
});

async function customIds(assignment = assignmentId): Promise<string[]> {
  const { customCriteria } = await loadRubric(ref("instructor", assignment));
  return customCriteria.map((criterion) => criterion.id);
}

beforeAll(async () => {
  const db = getDb();
  users = await createPeople(prefix, PEOPLE);
  courseId = (await db.course.create({ data: { title: `${prefix} course` } })).id;
  archivedCourseId = (await db.course.create({ data: { title: `${prefix} archived`, archivedAt: new Date() } })).id;
  for (const course of [courseId, archivedCourseId])
    await enrol(course, users, { instructor: "INSTRUCTOR", ta: "TA", ana: "STUDENT", ben: "STUDENT" });
  ({ readingId } = await saveImportedReading({
    slug: `${prefix}-reading`,
    reading: importReading("Custom Criteria Reading\n\nGeneva, 1 May 2020\n\nThe first paragraph.\n\nThe second paragraph.\n"),
  }));
  const paragraph = await db.paragraph.findFirstOrThrow({ where: { readingId, position: 1 }, select: { id: true } });
  const assignment = (course: string, title: string) =>
    db.assignment.create({ data: { courseId: course, readingId, title: `${prefix} ${title}`, dueAt: DUE, minPosts: 2 } });
  assignmentId = (await assignment(courseId, "essay")).id;
  otherAssignmentId = (await assignment(courseId, "other")).id;
  archivedAssignmentId = (await assignment(archivedCourseId, "archived")).id;
  const post = async (author: Person, text: string, createdAt: Date) =>
    (
      await db.annotation.create({
        data: {
          kind: "PARAGRAPH_POST",
          authorId: users[author].id,
          readingId,
          paragraphId: paragraph.id,
          courseId,
          assignmentId,
          visibility: "COURSE",
          bodyText: text,
          createdAt,
        },
        select: { id: true },
      })
    ).id;
  anaPost = await post("ana", "The statement frames security as sovereignty.", new Date(DUE.getTime() - 86_400_000));
  anaLatePost = await post("ana", "A late thought.", new Date(DUE.getTime() + 1000));
});

afterAll(async () => {
  const db = getDb();
  await db.course.deleteMany({ where: { id: { in: [courseId, archivedCourseId] } } });
  await db.reading.deleteMany({ where: { id: readingId } });
  await db.user.deleteMany({ where: { id: { in: Object.values(users).map((user) => user.id) } } });
  await disconnectDb();
});

describe("custom criteria", () => {
  it("[RUBRIC] instructors and TAs add, edit, reorder and remove their own criteria; saving the automatic ones leaves them be", async () => {
    await addCustomCriterion({ ...ref("instructor"), input: input("Engages with the argument", 5, "Takes a position and defends it.") });
    await addCustomCriterion({ ...ref("ta"), input: input("Uses evidence", 3) });
    await addCustomCriterion({ ...ref("instructor"), input: input("Uses evidence", 1) });
    let { customCriteria } = await loadRubric(ref("instructor"));
    expect(customCriteria.map((criterion) => [criterion.name, criterion.points, criterion.description, criterion.scoreCount])).toEqual([
      ["Engages with the argument", 5, "Takes a position and defends it.", 0],
      ["Uses evidence", 3, "", 0],
      ["Uses evidence", 1, "", 0],
    ]);
    const [engages, evidence, duplicate] = customCriteria.map((criterion) => criterion.id) as [string, string, string];

    await updateCustomCriterion({ ...ref("instructor"), criterionId: duplicate, input: input("Writes clearly", 2, "Short sentences.") });
    expect(await moveCustomCriterion({ ...ref("instructor"), criterionId: duplicate, direction: "up" })).toEqual({
      name: "Writes clearly",
      position: 2,
      count: 3,
    });
    // At the top it stays.
    expect((await moveCustomCriterion({ ...ref("ta"), criterionId: engages, direction: "up" })).position).toBe(1);
    ({ customCriteria } = await loadRubric(ref("instructor")));
    expect(customCriteria.map((criterion) => criterion.name)).toEqual(["Engages with the argument", "Writes clearly", "Uses evidence"]);

    // The automatic criteria are replaced as before; the custom ones stay, after them, in their order.
    const parsed = parseRubricForm({ "ASKS_QUESTION.enabled": "on", "ASKS_QUESTION.points": "1" });
    if (!parsed.ok) throw new Error("rubric fixture is invalid");
    await saveRubric({ ...ref("instructor"), criteria: parsed.criteria });
    expect((await loadCriteria(assignmentId)).map((criterion) => (criterion.kind === "CUSTOM" ? criterion.name : criterion.kind))).toEqual([
      "ASKS_QUESTION",
      "Engages with the argument",
      "Writes clearly",
      "Uses evidence",
    ]);

    expect(await removeCustomCriterion({ ...ref("instructor"), criterionId: duplicate })).toEqual({ name: "Writes clearly" });
    expect(await customIds()).toEqual([engages, evidence]);
    expect((await errorOf(removeCustomCriterion({ ...ref("instructor"), criterionId: duplicate }))).code).toBe("NOT_FOUND");
  });

  it("[RUBRIC] the database keeps one row per automatic kind per assignment, and any number of custom ones", async () => {
    const db = getDb();
    await expect(db.rubricCriterion.create({ data: { assignmentId, kind: "ASKS_QUESTION", points: 1, position: 3 } })).rejects.toThrow();
    await expect(db.rubricCriterion.create({ data: { assignmentId, kind: "CUSTOM", points: 1, position: 9 } })).rejects.toThrow();
    await expect(
      db.rubricCriterion.create({ data: { assignmentId, kind: "CUSTOM", name: "x", points: 1001, position: 9 } }),
    ).rejects.toThrow();
    const [first, second] = await Promise.all(
      ["Twin", "Twin"].map((name) =>
        db.rubricCriterion.create({ data: { assignmentId: otherAssignmentId, kind: "CUSTOM", name, points: 1, position: 0 } }),
      ),
    );
    expect(first!.id).not.toBe(second!.id);
    await db.rubricCriterion.deleteMany({ where: { assignmentId: otherAssignmentId } });
  });

  it("[RUBRIC] an id of another assignment's criterion, or of an automatic one, names nothing here", async () => {
    const [engages] = (await customIds()) as [string];
    const automatic = await getDb().rubricCriterion.findFirstOrThrow({
      where: { assignmentId, kind: "ASKS_QUESTION" },
      select: { id: true },
    });
    for (const criterionId of [automatic.id, "no-such-criterion"]) {
      expect((await errorOf(updateCustomCriterion({ ...ref("instructor"), criterionId, input: input("x", 1) }))).code).toBe("NOT_FOUND");
    }
    expect(
      (await errorOf(moveCustomCriterion({ ...ref("instructor", otherAssignmentId), criterionId: engages, direction: "down" }))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("grading by hand", () => {
  it("[GRADING] hand scores add to the automatic points; an ungraded criterion counts 0 and makes the total partial", async () => {
    const [engages, evidence] = (await customIds()) as [string, string];
    const saved = await saveManualScores({
      ...ref("ta"),
      studentId: users.ana.id,
      entries: { [`score.${engages}`]: "4.5", [`comment.${engages}`]: "A clear position.", [`score.${evidence}`]: "" },
    });
    expect(saved).toEqual({ graded: 1, cleared: 0 });
    const { students, criteria } = await loadAssignmentGrades(ref("instructor"));
    expect(criteria.map((criterion) => criterion.points)).toEqual([1, 5, 3]);
    const ana = students.find((view) => view.student.id === users.ana.id)!;
    expect(ana.grade).toMatchObject({ computedScore: 4.5, maxScore: 9, finalScore: 4.5, ungradedCriteria: 1, isPartial: true });
    expect(ana.grade.results[1]).toMatchObject({ isGraded: true, pointsEarned: 4.5, manual: { score: 4.5, comment: "A clear position." } });
    // The evidence of a criterion graded by hand: the student's posts, late ones too, with excerpts to read.
    expect(ana.grade.results[1]!.evidence).toEqual([anaPost, anaLatePost]);
    expect(ana.evidence[anaPost]).toMatchObject({ excerpt: "The statement frames security as sovereignty.", paragraphPosition: 1 });
    expect(ana.manualDetails[engages]?.gradedByName).toBe(users.ta.name);
    const ben = students.find((view) => view.student.id === users.ben.id)!;
    expect(ben.grade).toMatchObject({ computedScore: 0, maxScore: 9, ungradedCriteria: 2, isPartial: true });
    expect(ben.grade.results[1]!.evidence).toEqual([]);

    await saveManualScores({
      ...ref("instructor"),
      studentId: users.ana.id,
      entries: { [`score.${engages}`]: "4.5", [`comment.${engages}`]: "A clear position.", [`score.${evidence}`]: "3" },
    });
    const own = await loadStudentGrade({ ...ref("ana"), studentId: users.ana.id });
    expect(own.view.grade).toMatchObject({ computedScore: 7.5, maxScore: 9, ungradedCriteria: 0, isPartial: false });
    // The unchanged score keeps its grader; the new one names who gave it.
    expect(own.view.manualDetails[engages]?.gradedByName).toBe(users.ta.name);
    expect(own.view.manualDetails[evidence]?.gradedByName).toBe(users.instructor.name);
  });

  it("[GRADING] a score out of range, or a comment without a score, is a field error and nothing is written", async () => {
    const [engages, evidence] = (await customIds()) as [string, string];
    const before = await getDb().rubricScore.findMany({ where: { studentId: users.ana.id }, orderBy: { criterionId: "asc" } });
    for (const [entries, field, message] of [
      [{ [`score.${engages}`]: "5.01", [`score.${evidence}`]: "1" }, `score.${engages}`, "The score must be between 0 and 5."],
      [{ [`score.${engages}`]: "1", [`score.${evidence}`]: "-1" }, `score.${evidence}`, "Enter the score as a number, like 3 or 2.5."],
      [{ [`score.${engages}`]: "1", [`score.${evidence}`]: "4" }, `score.${evidence}`, "The score must be between 0 and 3."],
      [
        { [`score.${engages}`]: "", [`comment.${engages}`]: "Why?" },
        `score.${engages}`,
        "Enter a score for this comment, or remove the comment.",
      ],
    ] as const) {
      const error = await errorOf(saveManualScores({ ...ref("instructor"), studentId: users.ana.id, entries }));
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors).toEqual({ [field]: [message] });
    }
    expect(await getDb().rubricScore.findMany({ where: { studentId: users.ana.id }, orderBy: { criterionId: "asc" } })).toEqual(before);
  });

  it("[GRADING] lowering a criterion's points keeps the score given, counted as the new maximum; an empty score clears it", async () => {
    const [engages, evidence] = (await customIds()) as [string, string];
    await updateCustomCriterion({ ...ref("instructor"), criterionId: engages, input: input("Engages with the argument", 4) });
    let { view } = await loadStudentGrade({ ...ref("instructor"), studentId: users.ana.id });
    expect(view.grade.results[1]).toMatchObject({ pointsEarned: 4, isMet: true, manual: { score: 4.5 } });
    expect(view.grade).toMatchObject({ computedScore: 7, maxScore: 8 });
    expect(
      await saveManualScores({
        ...ref("instructor"),
        studentId: users.ana.id,
        entries: { [`score.${engages}`]: "4", [`score.${evidence}`]: "" },
      }),
    ).toEqual({
      graded: 1,
      cleared: 1,
    });
    ({ view } = await loadStudentGrade({ ...ref("instructor"), studentId: users.ana.id }));
    expect(view.grade).toMatchObject({ computedScore: 4, ungradedCriteria: 1, isPartial: true });
  });

  it("[EXPORT] the CSV has one column per custom criterion after the automatic ones, empty while not graded", async () => {
    const { csv } = await exportGradesCsv(ref("ta"));
    const [header, ...rows] = csv.slice(1).split("\r\n");
    expect(header).toBe(
      '"Name","Email","Group","Asks a question (1)","Engages with the argument (4)","Uses evidence (3)","Computed","Override","Final","Comment"',
    );
    expect(rows.filter(Boolean).sort()).toEqual(
      [
        `"${users.ana.name}","${prefix}-ana@example.test","",0,4,,4,,4,""`,
        `"${users.ben.name}","${prefix}-ben@example.test","",0,,,0,,0,""`,
      ].sort(),
    );
  });

  it("[GRADING] removing a criterion removes its scores", async () => {
    const { customCriteria } = await loadRubric(ref("instructor"));
    expect(customCriteria.map((criterion) => criterion.scoreCount)).toEqual([1, 0]);
    const added = await addCustomCriterion({ ...ref("instructor"), input: input("Short-lived", 2) });
    await saveManualScores({ ...ref("instructor"), studentId: users.ben.id, entries: { [`score.${added.id}`]: "2" } });
    expect(await getDb().rubricScore.count({ where: { criterionId: added.id } })).toBe(1);
    await removeCustomCriterion({ ...ref("instructor"), criterionId: added.id });
    expect(await getDb().rubricScore.count({ where: { criterionId: added.id } })).toBe(0);
  });
});

describe("who may do it", () => {
  it("[GRADING] students and non-members neither edit criteria nor grade; a student not assigned cannot be graded", async () => {
    const [engages] = (await customIds()) as [string];
    for (const person of ["ana", "outsider"] as const) {
      expect((await errorOf(addCustomCriterion({ ...ref(person), input: input("Mine", 1000) }))).code).toBe("NOT_FOUND");
      expect((await errorOf(removeCustomCriterion({ ...ref(person), criterionId: engages }))).code).toBe("NOT_FOUND");
      expect(
        (await errorOf(saveManualScores({ ...ref(person), studentId: users.ana.id, entries: { [`score.${engages}`]: "4" } }))).code,
      ).toBe("NOT_FOUND");
    }
    expect(
      (await errorOf(saveManualScores({ ...ref("instructor"), studentId: users.outsider.id, entries: { [`score.${engages}`]: "1" } })))
        .message,
    ).toBe("That student is not assigned this reading.");
    expect(await getDb().rubricCriterion.count({ where: { assignmentId, name: "Mine" } })).toBe(0);
  });

  it("[GRADING] an archived course is read-only: criteria and scores are refused, grades still read", async () => {
    const archived = (person: Person) => ref(person, archivedAssignmentId, archivedCourseId);
    const row = await getDb().rubricCriterion.create({
      data: { assignmentId: archivedAssignmentId, kind: "CUSTOM", name: "Kept", points: 2, position: 0 },
    });
    for (const attempt of [
      addCustomCriterion({ ...archived("instructor"), input: input("New", 1) }),
      updateCustomCriterion({ ...archived("instructor"), criterionId: row.id, input: input("Renamed", 1) }),
      moveCustomCriterion({ ...archived("ta"), criterionId: row.id, direction: "down" }),
      removeCustomCriterion({ ...archived("instructor"), criterionId: row.id }),
      saveManualScores({ ...archived("instructor"), studentId: users.ana.id, entries: { [`score.${row.id}`]: "1" } }),
    ]) {
      expect((await errorOf(attempt)).code).toBe("CONFLICT");
    }
    const { students } = await loadAssignmentGrades(archived("ta"));
    expect(students.map((view) => view.grade.ungradedCriteria)).toEqual([1, 1]);
  });

  it("[RUBRIC] an assignment holds at most 30 criteria of one's own", async () => {
    const db = getDb();
    await db.rubricCriterion.createMany({
      data: Array.from({ length: 30 }, (_, position) => ({
        assignmentId: otherAssignmentId,
        kind: "CUSTOM" as const,
        name: `C${position}`,
        points: 1,
        position,
      })),
    });
    const error = await errorOf(addCustomCriterion({ ...ref("instructor", otherAssignmentId), input: input("One too many", 1) }));
    expect(error).toMatchObject({ code: "CONFLICT", message: "An assignment can have at most 30 criteria of your own." });
    await db.rubricCriterion.deleteMany({ where: { assignmentId: otherAssignmentId } });
  });
});

describe("the minimum-posts criterion follows the assignment", () => {
  it("[RUBRIC] saved at the assignment's minimum, it follows a later change of the minimum; another number stays", async () => {
    const save = async (threshold: number) => {
      const parsed = parseRubricForm({
        "MIN_POSTS_BEFORE_DUE.enabled": "on",
        "MIN_POSTS_BEFORE_DUE.points": "2",
        "MIN_POSTS_BEFORE_DUE.threshold": String(threshold),
      });
      if (!parsed.ok) throw new Error("rubric fixture is invalid");
      await saveRubric({ ...ref("instructor", otherAssignmentId), criteria: parsed.criteria });
    };
    const minimum = async () => {
      const [criterion] = await loadCriteria(otherAssignmentId);
      return criterion?.kind === "MIN_POSTS_BEFORE_DUE" ? criterion.minPosts : null;
    };
    await save(2);
    expect((await loadRubric(ref("instructor", otherAssignmentId))).criteria[0]).toMatchObject({
      threshold: 2,
      followsAssignmentMinimum: true,
    });
    await getDb().assignment.update({ where: { id: otherAssignmentId }, data: { minPosts: 3 } });
    expect(await minimum()).toBe(3);
    await getDb().assignment.update({ where: { id: otherAssignmentId }, data: { minPosts: 0 } });
    expect(await minimum()).toBe(1);
    await save(4);
    await getDb().assignment.update({ where: { id: otherAssignmentId }, data: { minPosts: 6 } });
    expect(await minimum()).toBe(4);
  });
});
