import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWords } from "../../domain/grading.ts";
import { parseRubricForm } from "../../domain/rubric.ts";
import { loadAssignmentForStaff } from "../assignments/load-assignment-for-staff.ts";
import { disconnectDb, getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { clearGradeOverride } from "../grading/clear-grade-override.ts";
import { exportGradesCsv } from "../grading/export-grades-csv.ts";
import { gradeOverrideInputSchema } from "../grading/grade-input.ts";
import { loadAssignmentGrades } from "../grading/load-assignment-grades.ts";
import { loadRubric } from "../grading/load-rubric.ts";
import { loadStudentGrade } from "../grading/load-student-grade.ts";
import { saveRubric } from "../grading/save-rubric.ts";
import { setGradeOverride } from "../grading/set-grade-override.ts";
import { listReadableAnnotations, loadActorContext } from "../permissions/annotation-scope.ts";
import { importReading } from "../../domain/reading-import.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { loadAssignmentInsights } from "./load-assignment-insights.ts";
import { wordCountSql } from "./word-count-sql.ts";
import { createPeople } from "../testing/people.ts";
import { errorOf } from "../testing/app-error-of.ts";
import { rubricFormFields } from "../testing/rubric-form.ts";

// Insights and rubric grading against PostgreSQL on a crafted dataset whose every count is
// worked out by hand below: on-time, late (one second after, and exactly at, the due date),
// deleted, hidden, private, answered and unanswered posts, a staff reply, and a second assignment
// for one group only. Posts are written straight into the table so their times are exact.
const prefix = `teach-${randomUUID().slice(0, 8)}`;
const READING_TEXT = [
  "Teaching Test Reading",
  "",
  "Geneva, 1 May 2020",
  "",
  "The first paragraph speaks of information security.",
  "",
  "The second paragraph is about cooperation between the member states.",
  "",
  "A third paragraph closes the statement.",
  "",
].join("\n");

const PEOPLE = ["instructor", "ta", "a1", "a2", "b", "loner", "outsider"] as const;
type Person = (typeof PEOPLE)[number];
let users = {} as Record<Person, { id: string; name: string }>;
let courseId = "";
let readingId = "";
let wholeClass = "";
let groupOnly = "";
let groupA = "";
const paragraphIds: Record<number, string> = {};
const ids: Record<string, string> = {};

const DUE = new Date("2027-03-01T23:59:00.000Z");
const at = (offsetMs: number) => new Date(DUE.getTime() + offsetMs);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type PostFields = {
  author: Person;
  assignmentId?: string;
  kind: "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST" | "REPLY";
  paragraph: number;
  text?: string;
  createdAt: Date;
  isQuestion?: boolean;
  parent?: string;
  visibility?: "PRIVATE" | "GROUP" | "COURSE";
  deletedAt?: Date;
  hiddenAt?: Date;
  answerMarkedAt?: Date;
};

/** A course-wide paragraph post on the whole-class assignment, unless the fields spread over it say otherwise. */
const paragraphPost = (author: Person, paragraph: number, text: string, createdAt: Date): PostFields => ({
  author,
  kind: "PARAGRAPH_POST",
  paragraph,
  text,
  createdAt,
});

/** A reply to the post made under the name `parent`. */
const replyTo = (parent: string, author: Person, paragraph: number, text: string, createdAt: Date): PostFields => ({
  author,
  kind: "REPLY",
  parent,
  paragraph,
  text,
  createdAt,
});

async function makePost(name: string, fields: PostFields): Promise<string> {
  const parent = fields.parent
    ? await getDb().annotation.findUniqueOrThrow({ where: { id: ids[fields.parent]! }, select: { id: true, rootId: true } })
    : null;
  const isRange = fields.kind === "HIGHLIGHT" || fields.kind === "COMMENT";
  const row = await getDb().annotation.create({
    data: {
      kind: fields.kind,
      authorId: users[fields.author].id,
      readingId,
      paragraphId: paragraphIds[fields.paragraph]!,
      courseId,
      assignmentId: fields.assignmentId ?? wholeClass,
      visibility: fields.visibility ?? "COURSE",
      parentId: parent?.id ?? null,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      startOffset: isRange ? 0 : null,
      endOffset: isRange ? 5 : null,
      quoteExact: isRange ? "quote" : null,
      bodyText: fields.text ?? null,
      isQuestion: fields.isQuestion ?? false,
      createdAt: fields.createdAt,
      deletedAt: fields.deletedAt ?? null,
      hiddenAt: fields.hiddenAt ?? null,
      answerMarkedAt: fields.answerMarkedAt ?? null,
    },
    select: { id: true },
  });
  ids[name] = row.id;
  return row.id;
}

beforeAll(async () => {
  const db = getDb();
  // The loner's name starts with "=": the CSV must neutralise it.
  users = await createPeople(prefix, PEOPLE, { nameOf: (person) => (person === "loner" ? `=Loner ${prefix}` : `${person} ${prefix}`) });
  courseId = (await db.course.create({ data: { title: `${prefix} course` } })).id;
  groupA = (await db.group.create({ data: { courseId, name: "A" } })).id;
  const groupB = (await db.group.create({ data: { courseId, name: "B" } })).id;
  const roles: [Person, "INSTRUCTOR" | "TA" | "STUDENT", string | null][] = [
    ["instructor", "INSTRUCTOR", null],
    ["ta", "TA", null],
    ["a1", "STUDENT", groupA],
    ["a2", "STUDENT", groupA],
    ["b", "STUDENT", groupB],
    ["loner", "STUDENT", null],
  ];
  for (const [person, role, groupId] of roles) await db.membership.create({ data: { courseId, userId: users[person].id, role, groupId } });
  ({ readingId } = await saveImportedReading({ slug: `${prefix}-reading`, reading: importReading(READING_TEXT) }));
  for (const paragraph of await db.paragraph.findMany({ where: { readingId }, select: { id: true, position: true } }))
    paragraphIds[paragraph.position] = paragraph.id;
  wholeClass = (await db.assignment.create({ data: { courseId, readingId, title: `${prefix} whole class`, dueAt: DUE } })).id;
  groupOnly = (
    await db.assignment.create({
      data: { courseId, readingId, title: `${prefix} group A`, dueAt: DUE, groups: { create: [{ groupId: groupA }] } },
    })
  ).id;

  // a1: two posts on time, a highlight, a late reply to b; a deleted post and a private note that do not count.
  await makePost("a1First", paragraphPost("a1", 1, "One two three.", at(-2 * DAY)));
  await makePost("a1Comment", { ...paragraphPost("a1", 2, "It's re-examined — twice?", at(-DAY)), kind: "COMMENT", isQuestion: true });
  await makePost("a1Highlight", { author: "a1", kind: "HIGHLIGHT", paragraph: 2, createdAt: at(-DAY) });
  await makePost("a1Deleted", { ...paragraphPost("a1", 1, "deleted words here", at(-DAY)), deletedAt: at(-DAY + HOUR) });
  await makePost("a1Private", { ...paragraphPost("a1", 3, "secret note words", at(-DAY)), visibility: "PRIVATE" });
  // b: a question on paragraph 3 (never answered), and a post an instructor hid.
  await makePost("bQuestion", { ...paragraphPost("b", 3, "Why now?", at(-3 * DAY)), isQuestion: true });
  await makePost("bHidden", { ...paragraphPost("b", 1, "Rude words", at(-DAY)), hiddenAt: at(-HOUR) });
  await makePost("a1LateReply", replyTo("bQuestion", "a1", 3, "Yes.", at(1000)));
  // a2: a question exactly at the due date, answered by the instructor; a reply to herself before it.
  await makePost("a2Question", { ...paragraphPost("a2", 2, "Is it?", DUE), isQuestion: true });
  await makePost("a2SelfReply", replyTo("a2Question", "a2", 2, "I think so", at(-HOUR)));
  await makePost("instructorAnswer", {
    ...replyTo("a2Question", "instructor", 2, "It is indeed.", at(HOUR)),
    answerMarkedAt: at(2 * HOUR),
  });
  // The group assignment: a1 posts there; b is not assigned it, so b's post there is not counted.
  await makePost("a1InGroup", { ...paragraphPost("a1", 1, "Group work.", at(-DAY)), assignmentId: groupOnly });
  await makePost("bInGroup", { ...paragraphPost("b", 1, "Not mine to do.", at(-DAY)), assignmentId: groupOnly });
});

afterAll(async () => {
  const db = getDb();
  await db.course.deleteMany({ where: { id: courseId } });
  await db.reading.deleteMany({ where: { id: readingId } });
  await db.user.deleteMany({ where: { id: { in: Object.values(users).map((user) => user.id) } } });
  await disconnectDb();
});

const insightsFor = (person: Person, assignmentId = wholeClass) =>
  loadAssignmentInsights({ actorId: users[person].id, courseId, assignmentId });

/** `actor` overrides `student`'s grade on the assignment (the whole class's unless given). */
const overrideGrade = (actor: Person, student: Person, input: { score: number; comment: string }, assignmentId = wholeClass) =>
  setGradeOverride({ actorId: users[actor].id, courseId, assignmentId, studentId: users[student].id, input });

describe("loadAssignmentInsights", () => {
  it("[INSIGHTS] per student: posts, replies, highlights, questions, words, first and last activity, late posts — exactly", async () => {
    const insights = await insightsFor("instructor");
    const byName = Object.fromEntries(insights.students.map((row) => [row.studentId, row]));
    expect(insights.students.map((row) => row.studentId).sort()).toEqual([users.a1.id, users.a2.id, users.b.id, users.loner.id].sort());
    expect(byName[users.a1.id]).toMatchObject({
      posts: 2,
      replies: 1,
      highlights: 1,
      questions: 1,
      words: 3 + 3 + 1,
      firstActivityAt: at(-2 * DAY),
      lastActivityAt: at(1000),
      latePosts: 1,
      paragraphs: [1, 2, 3],
      groupName: "A",
    });
    expect(byName[users.b.id]).toMatchObject({
      posts: 2,
      replies: 0,
      highlights: 0,
      questions: 1,
      words: 4,
      latePosts: 0,
      paragraphs: [1, 3],
      firstActivityAt: at(-3 * DAY),
    });
    // A post exactly at the due date is on time.
    expect(byName[users.a2.id]).toMatchObject({
      posts: 1,
      replies: 1,
      questions: 1,
      words: 5,
      latePosts: 0,
      firstActivityAt: at(-HOUR),
      lastActivityAt: DUE,
    });
    expect(byName[users.loner.id]).toMatchObject({
      posts: 0,
      replies: 0,
      highlights: 0,
      words: 0,
      firstActivityAt: null,
      lastActivityAt: null,
      paragraphs: [],
      groupName: null,
    });
  });

  it("[INSIGHTS] per paragraph: posts, highlights, open questions and hidden posts of the assigned students only", async () => {
    const { paragraphs } = await insightsFor("ta");
    expect(
      paragraphs.map(({ position, posts, highlights, openQuestions, hidden }) => ({ position, posts, highlights, openQuestions, hidden })),
    ).toEqual([
      { position: 1, posts: 2, highlights: 0, openQuestions: 0, hidden: 1 },
      // The instructor's answer is not a student's post; a2's answered question is not open.
      { position: 2, posts: 3, highlights: 1, openQuestions: 1, hidden: 0 },
      { position: 3, posts: 2, highlights: 0, openQuestions: 1, hidden: 0 },
    ]);
    expect(paragraphs[0]!.excerpt).toBe("The first paragraph speaks of information security.");
  });

  it("[INSIGHTS] unanswered questions are listed oldest first, as many as the map counts", async () => {
    const { unansweredQuestions, paragraphs } = await insightsFor("instructor");
    expect(unansweredQuestions.total).toBe(paragraphs.reduce((sum, paragraph) => sum + paragraph.openQuestions, 0));
    expect(unansweredQuestions.items.map((item) => [item.id, item.paragraphPosition, item.replyCount])).toEqual([
      [ids.bQuestion, 3, 1],
      [ids.a1Comment, 2, 0],
    ]);
    expect(unansweredQuestions.items[0]).toMatchObject({ authorName: users.b.name, excerpt: "Why now?" });
  });

  it("[INSIGHTS] a group assignment counts only its groups' students, and only its own posts", async () => {
    const insights = await insightsFor("instructor", groupOnly);
    expect(insights.assignment.groups).toEqual([{ id: groupA, name: "A" }]);
    expect(Object.fromEntries(insights.students.map((row) => [row.studentId, row.posts]))).toEqual({ [users.a1.id]: 1, [users.a2.id]: 0 });
    expect(insights.paragraphs.map((paragraph) => paragraph.posts)).toEqual([1, 0, 0]);
  });

  it("[INSIGHTS] the instructor's counts are exactly what the permission scope lets them read", async () => {
    const insights = await insightsFor("instructor");
    const readable = await listReadableAnnotations({
      actor: await loadActorContext(users.instructor.id),
      where: { assignmentId: wholeClass, deletedAt: null, authorId: { in: insights.students.map((row) => row.studentId) } },
    });
    const counted = insights.students.reduce((sum, row) => sum + row.posts + row.replies + row.highlights, 0);
    expect(counted).toBe(readable.length);
    expect(readable.map((row) => row.id)).not.toContain(ids.a1Private);
  });

  it("[INSIGHTS] students, non-members and other courses' ids get NOT_FOUND", async () => {
    expect((await errorOf(insightsFor("a1"))).code).toBe("NOT_FOUND");
    expect((await errorOf(insightsFor("outsider"))).code).toBe("NOT_FOUND");
    const otherCourse = await getDb().course.create({
      data: { title: `${prefix} other`, memberships: { create: { userId: users.instructor.id, role: "INSTRUCTOR" } } },
    });
    try {
      expect(
        (await errorOf(loadAssignmentForStaff({ actorId: users.instructor.id, courseId: otherCourse.id, assignmentId: wholeClass }))).code,
      ).toBe("NOT_FOUND");
    } finally {
      await getDb().course.delete({ where: { id: otherCourse.id } });
    }
  });
});

describe("word counts in SQL", () => {
  it("[INSIGHTS] PostgreSQL counts words as countWords does for ordinary text in several scripts", async () => {
    const texts = [
      "",
      "   ",
      "ICT's role, in 2006 — re-examined.",
      "Übersicht über die Lage",
      "L'État n'a pas répondu… « pourquoi ? »",
      "Заявление глав государств-членов ШОС, 15 июня 2006 г.",
      "上海合作组织成员国元首，关于国际信息安全的声明。",
      "“Curly quotes” and ‘single’ ones; e-mail, rock'n'roll, well- known, a--b.",
      "Tabs\tand\nnew lines\r\nand 3.5 % of $100 (approx.) [sic] {x} <y> @user #tag",
      "Ελληνικά κείμενα, العربية كذلك، हिन्दी भी।",
    ];
    const rows = await getDb().$queryRaw<{ text: string; words: number }[]>`
      SELECT t AS "text", ${wordCountSql(Prisma.sql`t`)}::int AS "words" FROM unnest(${texts}::text[]) AS t`;
    expect(rows.map((row) => [row.text, row.words])).toEqual(texts.map((text) => [text, countWords(text)]));
  });
});

describe("rubric grading with evidence", () => {
  beforeAll(async () => {
    const parsed = parseRubricForm(
      rubricFormFields({
        MIN_POSTS_BEFORE_DUE: { points: 4, threshold: 2 },
        QUOTES_TEXT: { points: 2 },
        REPLIES_TO_CLASSMATE: { points: 3 },
        ASKS_QUESTION: { points: 1 },
        MIN_WORDS: { points: 2, threshold: 5 },
      }),
    );
    if (!parsed.ok) throw new Error("rubric fixture is invalid");
    await saveRubric({ actorId: users.ta.id, courseId, assignmentId: wholeClass, criteria: parsed.criteria });
  });

  it("[GRADING] the rubric is saved in the kinds' order and read back as stored", async () => {
    const { criteria, customCriteria } = await loadRubric({ actorId: users.instructor.id, courseId, assignmentId: wholeClass });
    // The assignment asks for no minimum (one post), so 2 posts is the instructor's own number: it does not follow the assignment.
    expect(criteria).toEqual([
      { kind: "MIN_POSTS_BEFORE_DUE", threshold: 2, points: 4, followsAssignmentMinimum: false },
      { kind: "QUOTES_TEXT", threshold: 0, points: 2, followsAssignmentMinimum: false },
      { kind: "REPLIES_TO_CLASSMATE", threshold: 0, points: 3, followsAssignmentMinimum: false },
      { kind: "ASKS_QUESTION", threshold: 0, points: 1, followsAssignmentMinimum: false },
      { kind: "MIN_WORDS", threshold: 5, points: 2, followsAssignmentMinimum: false },
    ]);
    expect(customCriteria).toEqual([]);
  });

  it("[GRADING] each student's score lists the posts that satisfied each criterion; deleted, hidden, private and late posts as the rules say", async () => {
    const { students, criteria } = await loadAssignmentGrades({ actorId: users.instructor.id, courseId, assignmentId: wholeClass });
    expect(criteria).toHaveLength(5);
    const byId = Object.fromEntries(students.map((view) => [view.student.id, view]));
    const a1 = byId[users.a1.id]!;
    expect(a1.grade.results.map((result) => [result.criterion.kind, result.pointsEarned, result.evidence])).toEqual([
      ["MIN_POSTS_BEFORE_DUE", 4, [ids.a1First, ids.a1Comment]],
      ["QUOTES_TEXT", 2, [ids.a1Comment]],
      ["REPLIES_TO_CLASSMATE", 3, [ids.a1LateReply]],
      ["ASKS_QUESTION", 1, [ids.a1Comment]],
      ["MIN_WORDS", 2, [ids.a1First, ids.a1Comment, ids.a1LateReply]],
    ]);
    expect(a1.grade).toMatchObject({ computedScore: 12, maxScore: 12, finalScore: 12 });
    expect(a1.evidence[ids.a1Comment!]).toMatchObject({ kind: "COMMENT", paragraphPosition: 2, excerpt: "It's re-examined — twice?" });
    expect(Object.keys(a1.evidence)).not.toContain(ids.a1Private);
    // b: the hidden post earns nothing, so one post before the due date and two words.
    expect(byId[users.b.id]!.grade.results.map((result) => result.isMet)).toEqual([false, false, false, true, false]);
    expect(byId[users.b.id]!.grade.computedScore).toBe(1);
    // a2: a post exactly at the due date is on time; replying to herself is not replying to a classmate.
    expect(byId[users.a2.id]!.grade.results.map((result) => result.isMet)).toEqual([true, false, false, true, true]);
    expect(byId[users.a2.id]!.grade.computedScore).toBe(7);
    expect(byId[users.loner.id]!.grade.computedScore).toBe(0);
  });

  it("[GRADING] an override replaces the score with its comment, and clearing it brings the computed score back", async () => {
    const input = gradeOverrideInputSchema.parse({ score: "5.5", comment: "Spoke well in class." });
    await overrideGrade("instructor", "b", input);
    let view = (await loadStudentGrade({ actorId: users.b.id, courseId, assignmentId: wholeClass, studentId: users.b.id })).view;
    expect(view.grade).toMatchObject({ computedScore: 1, finalScore: 5.5, override: { score: 5.5, comment: "Spoke well in class." } });
    expect(view.overrideDetails?.gradedByName).toBe(users.instructor.name);
    await overrideGrade("ta", "b", { score: 6, comment: "Revised." });
    view = (await loadStudentGrade({ actorId: users.instructor.id, courseId, assignmentId: wholeClass, studentId: users.b.id })).view;
    expect(view.grade.finalScore).toBe(6);
    expect(await getDb().gradeOverride.count({ where: { assignmentId: wholeClass, studentId: users.b.id } })).toBe(1);
    await clearGradeOverride({ actorId: users.instructor.id, courseId, assignmentId: wholeClass, studentId: users.b.id });
    view = (await loadStudentGrade({ actorId: users.b.id, courseId, assignmentId: wholeClass, studentId: users.b.id })).view;
    expect(view.grade).toMatchObject({ finalScore: 1, override: null });
  });

  it("[GRADING] an override needs a comment and a sensible score", () => {
    expect(gradeOverrideInputSchema.safeParse({ score: "5", comment: "  " }).success).toBe(false);
    expect(gradeOverrideInputSchema.safeParse({ score: "-1", comment: "x" }).success).toBe(false);
    expect(gradeOverrideInputSchema.safeParse({ score: "=1", comment: "x" }).success).toBe(false);
  });

  it("[GRADING] a student's own breakdown is the one the instructor sees (their private note counts for neither)", async () => {
    const own = await loadStudentGrade({ actorId: users.a1.id, courseId, assignmentId: wholeClass, studentId: users.a1.id });
    const staff = await loadStudentGrade({ actorId: users.instructor.id, courseId, assignmentId: wholeClass, studentId: users.a1.id });
    expect(own.view.grade).toEqual(staff.view.grade);
  });

  it("[GRADING] a student cannot see another student's grade, nor grade anyone; a non-member sees nothing", async () => {
    expect(
      (await errorOf(loadStudentGrade({ actorId: users.a1.id, courseId, assignmentId: wholeClass, studentId: users.a2.id }))).code,
    ).toBe("NOT_FOUND");
    expect((await errorOf(loadAssignmentGrades({ actorId: users.a1.id, courseId, assignmentId: wholeClass }))).code).toBe("NOT_FOUND");
    expect((await errorOf(exportGradesCsv({ actorId: users.a1.id, courseId, assignmentId: wholeClass }))).code).toBe("NOT_FOUND");
    expect((await errorOf(saveRubric({ actorId: users.a1.id, courseId, assignmentId: wholeClass, criteria: [] }))).code).toBe("NOT_FOUND");
    expect((await errorOf(overrideGrade("a1", "a1", { score: 100, comment: "me" }))).code).toBe("NOT_FOUND");
    expect(
      (await errorOf(loadStudentGrade({ actorId: users.outsider.id, courseId, assignmentId: wholeClass, studentId: users.outsider.id })))
        .message,
    ).toBe("Course not found.");
    // b is not in the group the second assignment is for.
    expect((await errorOf(loadStudentGrade({ actorId: users.b.id, courseId, assignmentId: groupOnly, studentId: users.b.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await errorOf(overrideGrade("instructor", "b", { score: 1, comment: "x" }, groupOnly))).code).toBe("NOT_FOUND");
  });

  it("[EXPORT] the CSV has a header and one row per assigned student, with neutralised formula-like cells", async () => {
    await overrideGrade("instructor", "a2", { score: 8, comment: 'Good, "clear" work' });
    const { filename, csv } = await exportGradesCsv({ actorId: users.ta.id, courseId, assignmentId: wholeClass });
    expect(filename).toBe(`grades-${prefix}-whole-class.csv`);
    const lines = csv.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe(
      '\uFEFF"Name","Email","Group","At least 2 posts before the due date (4)","Comments on a passage of the text (2)","Replies to a classmate (3)","Asks a question (1)","Writes at least 5 words (2)","Computed","Override","Final","Comment"',
    );
    expect(lines.slice(1, -1).sort()).toEqual(
      [
        `"${users.a1.name}","${prefix}-a1@example.test","A",4,2,3,1,2,12,,12,""`,
        `"${users.a2.name}","${prefix}-a2@example.test","A",4,0,0,1,2,7,8,8,"Good, ""clear"" work"`,
        `"${users.b.name}","${prefix}-b@example.test","B",0,0,0,1,0,1,,1,""`,
        `"'=Loner ${prefix}","${prefix}-loner@example.test","",0,0,0,0,0,0,,0,""`,
      ].sort(),
    );
  });
});
