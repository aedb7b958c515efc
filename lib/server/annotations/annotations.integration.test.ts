import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { disconnectDb, getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { loadWorkspaceFor } from "../testing/reading-workspace.ts";
import { createAnnotationInputSchema, updateAnnotationInputSchema, type UpdateAnnotationInput } from "../../domain/annotation-input.ts";
import { createAnnotation } from "./create-annotation.ts";
import { deleteAnnotation } from "./delete-annotation.ts";
import { listReadingAnnotations } from "./list-reading-annotations.ts";
import type { AnnotationView } from "./present-annotation.ts";
import { presentWebAnnotation } from "./present-web-annotation.ts";
import { updateAnnotation } from "./update-annotation.ts";
import type { TestPerson } from "../testing/people.ts";
import {
  CLASS_SEATS,
  createTestWorld,
  PEOPLE,
  statementText,
  type Person,
  type TestCourse,
  type TestWorld,
} from "../testing/course-fixture.ts";
import { errorOf } from "../testing/app-error-of.ts";

// The annotation services end to end against PostgreSQL: what is stored, who may post where,
// who reads what (through listReadingAnnotations and the reading workspace), editing and
// deleting. The file seeds one course and its people under a random prefix; each describe block
// gets its own copy of the reading, so lists only hold that block's posts. Everything is deleted
// afterwards (courses, readings and users cascade to memberships, groups, assignments and posts).
const READING_TEXT = statementText("Annotation Test Reading");

let world: TestWorld<Person>;
let users = {} as Record<Person, TestPerson>;
let course: TestCourse<"A" | "B">;
let groupA = "";
let groupB = "";
/** A group of another course, to post to from the wrong course. */
let foreignGroup = "";

type TestReading = {
  id: string;
  canonicalText: string;
  assignmentId: string | null;
  paragraphs: { id: string; position: number; startOffset: number; text: string }[];
};

type CreateFields = Omit<z.input<typeof createAnnotationInputSchema>, "readingId">;

beforeAll(async () => {
  world = await createTestWorld("ann", PEOPLE);
  users = world.users;
  course = await world.course("Information Security", { groups: ["A", "B"], members: CLASS_SEATS });
  ({ A: groupA, B: groupB } = course.groups);
  foreignGroup = (await world.course("Other course", { groups: ["C"] })).groups.C;
});

afterAll(async () => {
  await world.cleanUp();
  await disconnectDb();
});

/** A fresh copy of the reading, assigned in the main course unless told otherwise. */
async function makeReading(name: string, { isAssigned = true }: { isAssigned?: boolean } = {}): Promise<TestReading> {
  const {
    id: readingId,
    canonicalText,
    assignmentId,
  } = await world.reading(name, READING_TEXT, {
    assignIn: isAssigned ? course.id : undefined,
  });
  const paragraphs = await getDb().paragraph.findMany({
    where: { readingId },
    orderBy: { position: "asc" },
    select: { id: true, position: true, startOffset: true, text: true },
  });
  return { id: readingId, canonicalText, assignmentId, paragraphs };
}

function paragraphOf(reading: TestReading, position: number) {
  const paragraph = reading.paragraphs.find((candidate) => candidate.position === position);
  if (!paragraph) throw new Error(`No paragraph ${position}`);
  return paragraph;
}

/** The offsets of a phrase that occurs once in the reading. */
function rangeOf(reading: TestReading, phrase: string): { start: number; end: number } {
  const start = reading.canonicalText.indexOf(phrase);
  expect(start, `"${phrase}" is in the text`).toBeGreaterThanOrEqual(0);
  expect(reading.canonicalText.indexOf(phrase, start + 1), `"${phrase}" occurs once`).toBe(-1);
  return { start, end: start + phrase.length };
}

const textNode = (text: string, marks?: unknown[]) => (marks ? { type: "text", text, marks } : { type: "text", text });
const docOf = (...paragraphs: unknown[][]) => ({ type: "doc", content: paragraphs.map((content) => ({ type: "paragraph", content })) });
const plainBody = (text: string) => docOf([textNode(text)]);

/** Posts as the edge would: the raw fields go through the input schema first. */
function post(person: Person, reading: TestReading, fields: CreateFields): Promise<AnnotationView> {
  return createAnnotation({ actorId: users[person].id, input: createAnnotationInputSchema.parse({ ...fields, readingId: reading.id }) });
}

function edit(person: Person, annotationId: string, input: UpdateAnnotationInput): Promise<AnnotationView> {
  return updateAnnotation({ actorId: users[person].id, annotationId, input: updateAnnotationInputSchema.parse(input) });
}

/** A reply written straight into the table (replying has no service here): it takes its root's context. */
async function makeReply(rootId: string, person: Person): Promise<string> {
  const db = getDb();
  const root = await db.annotation.findUniqueOrThrow({ where: { id: rootId } });
  const reply = await db.annotation.create({
    data: {
      kind: "REPLY",
      authorId: users[person].id,
      readingId: root.readingId,
      paragraphId: root.paragraphId,
      courseId: root.courseId,
      assignmentId: root.assignmentId,
      groupId: root.groupId,
      visibility: root.visibility,
      parentId: root.id,
      rootId: root.id,
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "A reply." }] }] },
      bodyText: "A reply.",
      bodyHtml: "<p>A reply.</p>",
    },
    select: { id: true },
  });
  return reply.id;
}

async function listFor(person: Person, reading: TestReading, courseId: string | null = course.id) {
  return listReadingAnnotations({ actor: await loadActorContext(users[person].id), readingId: reading.id, courseId, pageSize: 200 });
}

async function listedIds(person: Person, reading: TestReading, courseId: string | null = course.id): Promise<string[]> {
  return (await listFor(person, reading, courseId)).items.map((item) => item.id).sort();
}

describe("createAnnotation: ranges and their selectors", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("ranges");
  });

  it("[ANCHORING] a highlight stores its range as position and quote selectors, on the paragraph it starts in, yellow by default", async () => {
    const range = rangeOf(reading, "cooperation between the member states");
    const view = await post("studentA1", reading, { courseId: course.id, kind: "HIGHLIGHT", target: range });
    const text = reading.canonicalText;
    const expectedQuote = {
      exact: "cooperation between the member states",
      prefix: text.slice(range.start - 32, range.start),
      suffix: text.slice(range.end, range.end + 32),
    };
    expect(expectedQuote.prefix).toHaveLength(32);
    expect(expectedQuote.suffix).toHaveLength(32);
    expect(view).toMatchObject({
      kind: "HIGHLIGHT",
      courseId: course.id,
      groupId: null,
      visibility: "COURSE",
      paragraphPosition: 2,
      color: "yellow",
      target: { ...range, ...expectedQuote },
      bodyHtml: null,
      isEdited: false,
      isDeleted: false,
      canEdit: true,
    });
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: view.id } });
    expect(stored).toMatchObject({
      authorId: users.studentA1.id,
      readingId: reading.id,
      paragraphId: paragraphOf(reading, 2).id,
      courseId: course.id,
      assignmentId: reading.assignmentId,
      visibility: "COURSE",
      startOffset: range.start,
      endOffset: range.end,
      quoteExact: expectedQuote.exact,
      quotePrefix: expectedQuote.prefix,
      quoteSuffix: expectedQuote.suffix,
      anchorStatus: "ANCHORED",
      color: "yellow",
      body: null,
      bodyText: null,
      bodyHtml: null,
    });
  });

  it("[ANCHORING] the quote's prefix and suffix stop at the ends of the text", async () => {
    const atStart = await post("studentA1", reading, {
      courseId: course.id,
      kind: "HIGHLIGHT",
      target: { start: 0, end: 9 },
      color: "green",
    });
    expect(atStart.target).toEqual({ start: 0, end: 9, exact: "The first", prefix: "", suffix: reading.canonicalText.slice(9, 41) });
    expect(atStart.color).toBe("green");
    const length = reading.canonicalText.length;
    const atEnd = await post("studentA1", reading, { courseId: course.id, kind: "HIGHLIGHT", target: { start: length - 7, end: length } });
    expect(atEnd.target).toMatchObject({ exact: "remark.", suffix: "", prefix: reading.canonicalText.slice(length - 39, length - 7) });
  });

  it("[VISIBILITY] a note outside any course is PRIVATE by default, with no course, assignment or group", async () => {
    const view = await post("studentA1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "plain words") });
    expect(view).toMatchObject({ courseId: null, groupId: null, visibility: "PRIVATE", paragraphPosition: 2 });
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: view.id } });
    expect(stored).toMatchObject({ courseId: null, assignmentId: null, groupId: null, visibility: "PRIVATE" });
  });

  it("[ANCHORING] a selection that starts or ends in the blank line between paragraphs is trimmed to the text", async () => {
    const first = paragraphOf(reading, 1);
    const second = paragraphOf(reading, 2);
    const firstEnd = first.startOffset + first.text.length;
    expect(reading.canonicalText.slice(firstEnd, second.startOffset)).toBe("\n\n");

    // Dragged from the last words of paragraph 1 into the blank line.
    const trailing = await post("studentA1", reading, {
      courseId: course.id,
      kind: "HIGHLIGHT",
      target: { start: firstEnd - 10, end: firstEnd + 2 },
    });
    expect(trailing.target).toMatchObject({ start: firstEnd - 10, end: firstEnd, exact: "signed it." });
    expect(trailing.paragraphPosition).toBe(1);

    // Started in the blank line: it belongs to paragraph 2, where its text is.
    const leading = await post("studentA1", reading, {
      courseId: course.id,
      kind: "HIGHLIGHT",
      target: { start: firstEnd + 1, end: second.startOffset + 10 },
    });
    expect(leading.target).toMatchObject({ start: second.startOffset, end: second.startOffset + 10, exact: "The second" });
    expect(leading.paragraphPosition).toBe(2);
  });

  it("[ANCHORING] a range across two paragraphs is accepted and belongs to the paragraph it starts in", async () => {
    const range = { start: rangeOf(reading, "signed it.").start, end: rangeOf(reading, "The second paragraph").end };
    const view = await post("studentA1", reading, { courseId: course.id, kind: "COMMENT", target: range, body: plainBody("Both ends.") });
    expect(view.target).toMatchObject({ ...range, exact: "signed it.\n\nThe second paragraph" });
    expect(view.paragraphPosition).toBe(1);
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: view.id } });
    expect(stored.paragraphId).toBe(paragraphOf(reading, 1).id);
  });

  it("[ANCHORING] a range that ends beyond the text, or holds only whitespace, is refused", async () => {
    const length = reading.canonicalText.length;
    const before = await getDb().annotation.count({ where: { readingId: reading.id } });

    const beyond = await errorOf(
      post("studentA1", reading, { courseId: course.id, kind: "HIGHLIGHT", target: { start: length - 3, end: length + 1 } }),
    );
    expect(beyond.code).toBe("VALIDATION");
    expect(beyond.message).toBe("The selection falls outside the text.");
    expect(beyond.fieldErrors).toEqual({ target: ["The selection falls outside the text."] });

    const first = paragraphOf(reading, 1);
    const blankLine = { start: first.startOffset + first.text.length, end: paragraphOf(reading, 2).startOffset };
    const blank = await errorOf(post("studentA1", reading, { courseId: course.id, kind: "HIGHLIGHT", target: blankLine }));
    expect(blank.code).toBe("VALIDATION");
    expect(blank.message).toBe("The selection has no text in it.");

    const space = rangeOf(reading, " speaks").start;
    const oneSpace = await errorOf(
      post("studentA1", reading, { courseId: course.id, kind: "COMMENT", target: { start: space, end: space + 1 }, body: plainBody("x") }),
    );
    expect(oneSpace.code).toBe("VALIDATION");

    expect(await getDb().annotation.count({ where: { readingId: reading.id } })).toBe(before);
  });

  it("[ANCHORING] the input schema refuses reversed, empty, negative and fractional ranges", () => {
    const parse = (target: unknown) =>
      createAnnotationInputSchema.safeParse({ readingId: reading.id, courseId: course.id, kind: "HIGHLIGHT", target });
    expect(parse({ start: 10, end: 20 }).success).toBe(true);
    expect(parse({ start: 20, end: 10 }).success).toBe(false);
    expect(parse({ start: 10, end: 10 }).success).toBe(false);
    expect(parse({ start: -1, end: 10 }).success).toBe(false);
    expect(parse({ start: 1.5, end: 10 }).success).toBe(false);
    expect(parse({ start: "1", end: "10" }).success).toBe(false);
    expect(parse({ paragraph: 0 }).success).toBe(false);
  });

  it("[CONTEXT] a reading that does not exist is NOT_FOUND", async () => {
    const error = await errorOf(
      createAnnotation({
        actorId: users.studentA1.id,
        input: createAnnotationInputSchema.parse({ readingId: "no-such-reading", kind: "HIGHLIGHT", target: { start: 0, end: 3 } }),
      }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("createAnnotation: commentary bodies", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("bodies");
  });

  it("[COMMENTARY] a comment's body is stored normalised, with plain text and HTML generated on the server", async () => {
    const body = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { style: "color: red", class: "x" },
          content: [
            textNode("Bold ", [{ type: "bold" }]),
            textNode("claim", [{ type: "bold" }]),
            textNode(" with "),
            textNode("emphasis", [{ type: "italic" }, { type: "bold" }]),
            textNode(" and a "),
            textNode("link", [{ type: "link", attrs: { href: "https://example.org/source", target: "_self", onclick: "steal()" } }]),
          ],
        },
      ],
    };
    const view = await post("studentA1", reading, {
      courseId: course.id,
      kind: "COMMENT",
      target: rangeOf(reading, "information security"),
      body,
      tags: ["Evidence", "evidence", " Key term "],
    });
    const normalised = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Bold claim", marks: [{ type: "bold" }] },
            { type: "text", text: " with " },
            { type: "text", text: "emphasis", marks: [{ type: "bold" }, { type: "italic" }] },
            { type: "text", text: " and a " },
            { type: "text", text: "link", marks: [{ type: "link", attrs: { href: "https://example.org/source" } }] },
          ],
        },
      ],
    };
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: view.id } });
    expect(stored.body).toEqual(normalised);
    expect(stored.bodyText).toBe("Bold claim with emphasis and a link");
    expect(stored.tags).toEqual(["evidence", "key term"]);
    expect(stored.color).toBe("yellow");
    const html = stored.bodyHtml ?? "";
    expect(html).toContain("<strong>Bold claim</strong>");
    expect(html).toMatch(/<strong><em>emphasis<\/em><\/strong>|<em><strong>emphasis<\/strong><\/em>/);
    expect(html).toContain('href="https://example.org/source"');
    expect(html).not.toContain("onclick");
    expect(html).not.toContain("style=");
    expect(html).not.toContain("_self");
    // The author's own view carries the document for the editor, and the same HTML.
    expect(view).toMatchObject({
      kind: "COMMENT",
      body: normalised,
      bodyHtml: html,
      bodyText: stored.bodyText,
      tags: ["evidence", "key term"],
    });
  });

  it("[COMMENTARY] text that looks like HTML is escaped in the generated HTML, never rendered", async () => {
    const view = await post("studentA1", reading, {
      courseId: course.id,
      kind: "COMMENT",
      target: rangeOf(reading, "short remark"),
      body: plainBody("<script>alert(1)</script>"),
    });
    expect(view.bodyHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(view.bodyHtml).not.toContain("<script");
    expect(view.bodyText).toBe("<script>alert(1)</script>");
  });

  it("[COMMENTARY] a link with a javascript: address is refused with a message, and nothing is stored", async () => {
    const before = await getDb().annotation.count({ where: { readingId: reading.id } });
    const body = docOf([textNode("click me", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])]);
    const error = await errorOf(
      post("studentA1", reading, { courseId: course.id, kind: "COMMENT", target: rangeOf(reading, "member states"), body }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toBe("Links must start with http://, https:// or mailto:.");
    expect(error.fieldErrors).toEqual({ body: [error.message] });
    expect(await getDb().annotation.count({ where: { readingId: reading.id } })).toBe(before);
  });

  it("[COMMENTARY] an unknown node type such as an image is refused, naming it", async () => {
    const body = { type: "doc", content: [{ type: "image", attrs: { src: "https://example.org/x.png" } }] };
    const error = await errorOf(
      post("studentA1", reading, { courseId: course.id, kind: "COMMENT", target: rangeOf(reading, "member states"), body }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain('"image"');
  });

  it("[COMMENTARY] a comment with an empty or whitespace-only body is refused: Write something before posting.", async () => {
    const target = rangeOf(reading, "member states");
    for (const body of [
      { type: "doc", content: [{ type: "paragraph" }] },
      plainBody("   \t  "),
      docOf([textNode("  ")], [textNode(" ")]),
    ]) {
      const error = await errorOf(post("studentA1", reading, { courseId: course.id, kind: "COMMENT", target, body }));
      expect(error.code).toBe("VALIDATION");
      expect(error.message).toBe("Write something before posting.");
    }
    const missing = await errorOf(post("studentA1", reading, { courseId: course.id, kind: "PARAGRAPH_POST", target: { paragraph: 1 } }));
    expect(missing.code).toBe("VALIDATION");
  });

  it("[COMMENTARY] a highlight cannot carry a body", async () => {
    const error = await errorOf(
      post("studentA1", reading, {
        courseId: course.id,
        kind: "HIGHLIGHT",
        target: rangeOf(reading, "member states"),
        body: plainBody("Words"),
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.body).toBeDefined();
  });
});

describe("createAnnotation: paragraph posts", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("paragraph-posts");
  });

  it("[PARAGRAPH] a paragraph post targets a whole paragraph: no range, no colour", async () => {
    const view = await post("studentB", reading, {
      courseId: course.id,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 3 },
      body: plainBody("Why so short?"),
    });
    expect(view).toMatchObject({
      kind: "PARAGRAPH_POST",
      paragraphPosition: 3,
      target: null,
      color: null,
      bodyText: "Why so short?",
      visibility: "COURSE",
    });
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: view.id } });
    expect(stored).toMatchObject({
      paragraphId: paragraphOf(reading, 3).id,
      startOffset: null,
      endOffset: null,
      quoteExact: null,
      color: null,
    });
  });

  it("[PARAGRAPH] a paragraph the reading does not have is refused", async () => {
    const error = await errorOf(
      post("studentB", reading, { courseId: course.id, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: plainBody("Where?") }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toBe("This reading has no paragraph 4.");
    expect(error.fieldErrors).toEqual({ target: [error.message] });
  });

  it("[PARAGRAPH] a paragraph post needs a paragraph target, and highlights and comments need a range", async () => {
    const range = rangeOf(reading, "short remark");
    const postOnRange = await errorOf(
      post("studentB", reading, { courseId: course.id, kind: "PARAGRAPH_POST", target: range, body: plainBody("Hm") }),
    );
    expect(postOnRange.code).toBe("VALIDATION");
    const highlightOnParagraph = await errorOf(
      post("studentB", reading, { courseId: course.id, kind: "HIGHLIGHT", target: { paragraph: 1 } }),
    );
    expect(highlightOnParagraph.code).toBe("VALIDATION");
    const commentOnParagraph = await errorOf(
      post("studentB", reading, { courseId: course.id, kind: "COMMENT", target: { paragraph: 1 }, body: plainBody("Hm") }),
    );
    expect(commentOnParagraph.code).toBe("VALIDATION");
  });
});

describe("createAnnotation: context and visibility rules", () => {
  let reading: TestReading;
  let unassigned: TestReading;
  beforeAll(async () => {
    reading = await makeReading("context");
    unassigned = await makeReading("context-unassigned", { isAssigned: false });
  });
  const comment = (fields: Partial<CreateFields> = {}): CreateFields => ({
    courseId: course.id,
    kind: "COMMENT",
    target: { start: 4, end: 9 },
    body: plainBody("A thought."),
    ...fields,
  });

  it("[CONTEXT] an outsider posting in a course gets the same NOT_FOUND as for a course that does not exist", async () => {
    const outsider = await errorOf(post("outsider", reading, comment()));
    const missing = await errorOf(post("studentA1", reading, comment({ courseId: "no-such-course" })));
    expect(outsider.code).toBe("NOT_FOUND");
    expect({ code: outsider.code, message: outsider.message }).toEqual({ code: missing.code, message: missing.message });
    expect(await getDb().annotation.count({ where: { authorId: users.outsider.id } })).toBe(0);
  });

  it("[CONTEXT] a member cannot post on a reading that is not assigned in the course (the answer of a reading that does not exist)", async () => {
    const error = await errorOf(post("studentA1", unassigned, comment()));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("Reading not found.");
    // The same reading can still be annotated alone.
    const note = await post("studentA1", unassigned, comment({ courseId: null }));
    expect(note.visibility).toBe("PRIVATE");
  });

  it("[VISIBILITY] a student without a group cannot post to GROUP", async () => {
    const error = await errorOf(post("studentNoGroup", reading, comment({ visibility: "GROUP" })));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.visibility).toEqual([error.message]);
  });

  it("[VISIBILITY] a student's GROUP post goes to the student's own group, whatever group is sent", async () => {
    const own = await post("studentA1", reading, comment({ visibility: "GROUP" }));
    expect(own).toMatchObject({ visibility: "GROUP", groupId: groupA });
    const claimingB = await post("studentA1", reading, comment({ visibility: "GROUP", groupId: groupB }));
    expect(claimingB.groupId).toBe(groupA);
  });

  it("[VISIBILITY] a non-GROUP post keeps no group, even when one is sent", async () => {
    const view = await post("studentA1", reading, comment({ visibility: "COURSE", groupId: groupA }));
    expect(view).toMatchObject({ visibility: "COURSE", groupId: null });
  });

  it("[VISIBILITY] staff posting to GROUP must choose a group, and one of this course", async () => {
    const none = await errorOf(post("instructor", reading, comment({ visibility: "GROUP" })));
    expect(none.code).toBe("VALIDATION");
    expect(none.fieldErrors?.groupId).toEqual(["Choose the group to post to."]);
    const foreign = await errorOf(post("ta", reading, comment({ visibility: "GROUP", groupId: foreignGroup })));
    expect(foreign.code).toBe("VALIDATION");
    expect(foreign.fieldErrors?.groupId).toBeDefined();
    const toB = await post("ta", reading, comment({ visibility: "GROUP", groupId: groupB }));
    expect(toB).toMatchObject({ visibility: "GROUP", groupId: groupB });
  });

  it("[VISIBILITY] a personal note cannot be shared with a course or a group", async () => {
    for (const visibility of ["COURSE", "GROUP"] as const) {
      const error = await errorOf(post("studentA1", reading, comment({ courseId: null, visibility })));
      expect(error.code).toBe("VALIDATION");
      expect(error.message).toBe("A note outside a course is private.");
    }
  });
});

describe("listReadingAnnotations: who reads what", () => {
  let reading: TestReading;
  const ids = {} as Record<
    "a1Private" | "a1Group" | "bGroup" | "noGroupCourse" | "instructorCourse" | "taGroupA" | "instructorPrivate" | "a2PersonalNote",
    string
  >;

  beforeAll(async () => {
    reading = await makeReading("visibility");
    const comment = (phrase: string, fields: Partial<CreateFields>): CreateFields => ({
      courseId: course.id,
      kind: "COMMENT",
      target: rangeOf(reading, phrase),
      body: plainBody(`On ${phrase}.`),
      ...fields,
    });
    ids.a1Private = (await post("studentA1", reading, comment("first paragraph", { visibility: "PRIVATE" }))).id;
    ids.a1Group = (await post("studentA1", reading, comment("information security", { visibility: "GROUP" }))).id;
    ids.bGroup = (await post("studentB", reading, comment("signed it", { visibility: "GROUP" }))).id;
    ids.noGroupCourse = (await post("studentNoGroup", reading, comment("cooperation", {}))).id;
    ids.instructorCourse = (
      await post("instructor", reading, {
        courseId: course.id,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 3 },
        body: plainBody("Discuss."),
      })
    ).id;
    ids.taGroupA = (await post("ta", reading, comment("plain words", { visibility: "GROUP", groupId: groupA }))).id;
    ids.instructorPrivate = (await post("instructor", reading, comment("short remark", { visibility: "PRIVATE" }))).id;
    ids.a2PersonalNote = (await post("studentA2", reading, comment("member states", { courseId: null }))).id;
  });

  // Written out by hand from docs/ARCHITECTURE.md, "Visibility".
  const EXPECTED: Record<Exclude<Person, "outsider">, (keyof typeof ids)[]> = {
    studentA1: ["a1Private", "a1Group", "noGroupCourse", "instructorCourse", "taGroupA"],
    studentA2: ["a1Group", "noGroupCourse", "instructorCourse", "taGroupA"],
    studentB: ["bGroup", "noGroupCourse", "instructorCourse"],
    studentNoGroup: ["noGroupCourse", "instructorCourse"],
    ta: ["a1Group", "bGroup", "noGroupCourse", "instructorCourse", "taGroupA"],
    instructor: ["a1Group", "bGroup", "noGroupCourse", "instructorCourse", "taGroupA", "instructorPrivate"],
  };

  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])(
    "[VISIBILITY] in the course, %s reads exactly: own posts, own group's and every COURSE post (staff: every group), nobody else's PRIVATE",
    async (person) => {
      const page = await listFor(person, reading);
      const expected = EXPECTED[person].map((name) => ids[name]).sort();
      expect(page.items.map((item) => item.id).sort()).toEqual(expected);
      expect(page.total).toBe(expected.length);
    },
  );

  it("[VISIBILITY] an outsider's course list is NOT_FOUND, as for a course that does not exist", async () => {
    const outsider = await errorOf(listFor("outsider", reading));
    expect(outsider.code).toBe("NOT_FOUND");
    const missing = await errorOf(listFor("studentA1", reading, "no-such-course"));
    expect(outsider.message).toBe(missing.message);
  });

  it("[VISIBILITY] a personal note is listed only in its author's own notes, never in the course", async () => {
    expect(await listedIds("studentA2", reading, null)).toEqual([ids.a2PersonalNote]);
    for (const person of ["studentA1", "instructor", "ta", "outsider"] as const) {
      expect(await listedIds(person, reading, null)).toEqual([]);
    }
    for (const person of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
      expect(await listedIds(person, reading)).not.toContain(ids.a2PersonalNote);
    }
  });
});

describe("listReadingAnnotations: document order and pages", () => {
  let reading: TestReading;
  let expectedOrder: string[] = [];
  let replyId = "";

  beforeAll(async () => {
    reading = await makeReading("order");
    // Created out of document order on purpose.
    const c3 = await post("studentA1", reading, {
      courseId: course.id,
      kind: "COMMENT",
      target: rangeOf(reading, "short remark"),
      body: plainBody("Three."),
    });
    const h2b = await post("studentB", reading, { courseId: course.id, kind: "HIGHLIGHT", target: rangeOf(reading, "plain words") });
    const h2a = await post("studentA2", reading, { courseId: course.id, kind: "HIGHLIGHT", target: rangeOf(reading, "cooperation") });
    const p2 = await post("instructor", reading, {
      courseId: course.id,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 2 },
      body: plainBody("Two."),
    });
    const c1 = await post("studentA1", reading, {
      courseId: course.id,
      kind: "COMMENT",
      target: rangeOf(reading, "information security"),
      body: plainBody("One."),
    });
    const p1 = await post("studentB", reading, {
      courseId: course.id,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("One, again."),
    });
    expectedOrder = [p1.id, c1.id, p2.id, h2a.id, h2b.id, c3.id];
    replyId = await makeReply(c1.id, "studentB");
  });

  it("[THREADS] posts are listed in document order: by paragraph, paragraph posts first, then by where the range starts", async () => {
    const page = await listFor("studentNoGroup", reading);
    expect(page.items.map((item) => item.id)).toEqual(expectedOrder);
    expect(page.items.map((item) => [item.paragraphPosition, item.kind])).toEqual([
      [1, "PARAGRAPH_POST"],
      [1, "COMMENT"],
      [2, "PARAGRAPH_POST"],
      [2, "HIGHLIGHT"],
      [2, "HIGHLIGHT"],
      [3, "COMMENT"],
    ]);
  });

  it("[THREADS] replies are not listed among the thread-starting posts", async () => {
    const page = await listFor("studentB", reading);
    expect(page.items.map((item) => item.id)).not.toContain(replyId);
    expect(page.total).toBe(expectedOrder.length);
    expect(await getDb().annotation.count({ where: { id: replyId } })).toBe(1);
  });

  it("[THREADS] pages of 2 hold every post exactly once, in order, with the same total", async () => {
    const actor = await loadActorContext(users.ta.id);
    const seen: string[] = [];
    for (let page = 1; page <= 4; page += 1) {
      const result = await listReadingAnnotations({ actor, readingId: reading.id, courseId: course.id, page, pageSize: 2 });
      expect(result).toMatchObject({ total: 6, page, pageSize: 2 });
      expect(result.items).toHaveLength(page <= 3 ? 2 : 0);
      seen.push(...result.items.map((item) => item.id));
    }
    expect(seen).toEqual(expectedOrder);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("hidden posts", () => {
  let reading: TestReading;
  let hiddenId = "";

  beforeAll(async () => {
    reading = await makeReading("hidden");
    const view = await post("studentA1", reading, {
      courseId: course.id,
      kind: "COMMENT",
      target: rangeOf(reading, "cooperation"),
      body: plainBody("Off topic."),
      tags: ["rant"],
    });
    hiddenId = view.id;
    await getDb().annotation.update({ where: { id: hiddenId }, data: { hiddenAt: new Date(), hiddenById: users.instructor.id } });
  });

  async function viewOf(person: Person): Promise<AnnotationView> {
    const item = (await listFor(person, reading)).items.find((candidate) => candidate.id === hiddenId);
    expect(item, `${person} lists the hidden post`).toBeDefined();
    return item!;
  }

  it("[MODERATION] another student sees a hidden post as hidden: no body, no target, no tags", async () => {
    for (const person of ["studentB", "studentA2", "studentNoGroup"] as const) {
      expect(await viewOf(person)).toMatchObject({ isHidden: true, bodyHtml: null, bodyText: null, body: null, target: null, tags: [] });
    }
  });

  it("[MODERATION] a hidden post stays readable to its author and to the course's instructor and TA", async () => {
    for (const person of ["studentA1", "instructor", "ta"] as const) {
      const view = await viewOf(person);
      expect(view.isHidden).toBe(true);
      expect(view.bodyHtml).toBe("<p>Off topic.</p>");
      expect(view.target).toMatchObject({ exact: "cooperation" });
    }
    expect((await viewOf("instructor")).canModerate).toBe(true);
    expect((await viewOf("studentA1")).canModerate).toBe(false);
  });

  it("[API] a hidden post's JSON-LD carries neither body nor selectors for a student", async () => {
    const annotation = await presentWebAnnotation(await viewOf("studentB"), "https://scholia.example");
    expect(annotation).not.toHaveProperty("body");
    expect(annotation.target).toEqual({
      type: "SpecificResource",
      source: `https://scholia.example/readings/${reading.id}`,
      selector: { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "p-2" },
    });
    expect(annotation["scholia:hidden"]).toBe(true);
  });
});

describe("updateAnnotation", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("update");
  });
  const comment = (fields: Partial<CreateFields> = {}): CreateFields => ({
    courseId: course.id,
    kind: "COMMENT",
    target: rangeOf(reading, "information security"),
    body: plainBody("First thought."),
    ...fields,
  });

  it("[EDIT] the author edits a comment's body: marked edited, plain text and HTML regenerated", async () => {
    const created = await post("studentA1", reading, comment());
    expect(created.isEdited).toBe(false);
    const updated = await edit("studentA1", created.id, { body: docOf([textNode("Second", [{ type: "bold" }]), textNode(" thought.")]) });
    expect(updated).toMatchObject({ isEdited: true, bodyText: "Second thought." });
    expect(updated.bodyHtml).toBe("<p><strong>Second</strong> thought.</p>");
    expect(updated.editedAt).not.toBeNull();
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.editedAt).toBeInstanceOf(Date);
    expect(stored).toMatchObject({ bodyText: "Second thought.", bodyHtml: updated.bodyHtml });
  });

  it("[EDIT] an edited body is validated like a new one", async () => {
    const created = await post("studentA1", reading, comment());
    const error = await errorOf(
      edit("studentA1", created.id, { body: docOf([textNode("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])]) }),
    );
    expect(error.code).toBe("VALIDATION");
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ bodyText: "First thought.", editedAt: null });
  });

  it("[EDIT] only the author edits: a classmate who reads the post and the instructor are FORBIDDEN", async () => {
    const created = await post("studentA1", reading, comment());
    for (const person of ["studentB", "instructor", "ta"] as const) {
      const error = await errorOf(edit(person, created.id, { body: plainBody("Rewritten.") }));
      expect(error.code).toBe("FORBIDDEN");
    }
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ bodyText: "First thought.", editedAt: null });
  });

  it("[EDIT] someone who cannot read a post gets NOT_FOUND, as for a post that does not exist", async () => {
    const groupPost = await post("studentA1", reading, comment({ visibility: "GROUP" }));
    const coursePost = await post("studentA1", reading, comment());
    const otherGroup = await errorOf(edit("studentB", groupPost.id, { tags: ["x"] }));
    const outsider = await errorOf(edit("outsider", coursePost.id, { tags: ["x"] }));
    const missing = await errorOf(edit("studentA1", "no-such-annotation", { tags: ["x"] }));
    for (const error of [otherGroup, outsider, missing]) {
      expect({ code: error.code, message: error.message }).toEqual({ code: "NOT_FOUND", message: missing.message });
    }
  });

  it("[EDIT] making a COURSE post PRIVATE hides it from everyone else, and the author's own replies follow the thread", async () => {
    const root = await post("studentA1", reading, comment({ target: rangeOf(reading, "plain words") }));
    const replyId = await makeReply(root.id, "studentA1");
    expect(await listedIds("studentB", reading)).toContain(root.id);

    const updated = await edit("studentA1", root.id, { visibility: "PRIVATE" });
    expect(updated).toMatchObject({ visibility: "PRIVATE", groupId: null });
    for (const person of ["studentB", "studentA2", "instructor", "ta"] as const) {
      expect(await listedIds(person, reading)).not.toContain(root.id);
    }
    expect(await listedIds("studentA1", reading)).toContain(root.id);
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: replyId } })).toMatchObject({ visibility: "PRIVATE", groupId: null });

    // Back to the group: the group is the author's, and the reply goes with it.
    const toGroup = await edit("studentA1", root.id, { visibility: "GROUP" });
    expect(toGroup).toMatchObject({ visibility: "GROUP", groupId: groupA });
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: replyId } })).toMatchObject({ visibility: "GROUP", groupId: groupA });
    expect(await listedIds("studentA2", reading)).toContain(root.id);
    expect(await listedIds("studentB", reading)).not.toContain(root.id);
  });

  it("[EDIT] a thread others replied to cannot be made more private (their replies would vanish)", async () => {
    const root = await post("studentA1", reading, comment({ target: rangeOf(reading, "plain words") }));
    const replyId = await makeReply(root.id, "studentB");
    const refused = await errorOf(edit("studentA1", root.id, { visibility: "PRIVATE" }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.fieldErrors?.visibility).toBeDefined();
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: root.id } })).toMatchObject({ visibility: "COURSE", editedAt: null });
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: replyId } })).toMatchObject({ visibility: "COURSE" });
    expect(await listedIds("studentB", reading)).toContain(root.id);
  });

  it("[EDIT] a GROUP thread a group-mate replied to cannot be widened to the course (409 on visibility): the reply stays with the group", async () => {
    const root = await post("studentA1", reading, comment({ target: rangeOf(reading, "between the member"), visibility: "GROUP" }));
    const replyId = await makeReply(root.id, "studentA2");
    const refused = await errorOf(edit("studentA1", root.id, { visibility: "COURSE" }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.fieldErrors?.visibility?.[0]).toMatch(/cannot be shared more widely/);
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: root.id } })).toMatchObject({ visibility: "GROUP", editedAt: null });
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: replyId } })).toMatchObject({ visibility: "GROUP", groupId: groupA });
    expect(await listedIds("studentB", reading)).not.toContain(root.id);
  });

  it("[EDIT] the author's own replies do not hold the thread back: it widens, and they follow", async () => {
    const root = await post("studentA1", reading, comment({ target: rangeOf(reading, "in plain"), visibility: "GROUP" }));
    const ownReply = await makeReply(root.id, "studentA1");
    expect(await edit("studentA1", root.id, { visibility: "COURSE" })).toMatchObject({ visibility: "COURSE", groupId: null });
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: ownReply } })).toMatchObject({ visibility: "COURSE" });
    expect(await listedIds("studentB", reading)).toContain(root.id);
  });

  it("[EDIT] a highlight has no body to set, and a paragraph post has no colour", async () => {
    const highlight = await post("studentA1", reading, {
      courseId: course.id,
      kind: "HIGHLIGHT",
      target: rangeOf(reading, "short remark"),
    });
    const error = await errorOf(edit("studentA1", highlight.id, { body: plainBody("Now with words.") }));
    expect(error.code).toBe("VALIDATION");
    expect((await edit("studentA1", highlight.id, { color: "pink" })).color).toBe("pink");

    const paragraphPost = await post("studentA1", reading, {
      courseId: course.id,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Hm."),
    });
    expect((await errorOf(edit("studentA1", paragraphPost.id, { color: "blue" }))).code).toBe("VALIDATION");
  });

  it("[EDIT] an update that changes nothing is refused by the input schema", () => {
    expect(updateAnnotationInputSchema.safeParse({}).success).toBe(false);
    expect(updateAnnotationInputSchema.safeParse({ visibility: "EVERYONE" }).success).toBe(false);
  });
});

describe("deleteAnnotation", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("delete");
  });
  const comment = (): CreateFields => ({
    courseId: course.id,
    kind: "COMMENT",
    target: rangeOf(reading, "cooperation"),
    body: plainBody("To be deleted."),
    tags: ["evidence"],
  });

  it("[DELETE] a post without replies is removed", async () => {
    const created = await post("studentA1", reading, comment());
    expect(await deleteAnnotation({ actorId: users.studentA1.id, annotationId: created.id })).toEqual({ wasKeptAsPlaceholder: false });
    expect(await getDb().annotation.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("[DELETE] a post with replies becomes a 'deleted' placeholder with its content erased, and the replies stay", async () => {
    const created = await post("studentA1", reading, comment());
    const replyId = await makeReply(created.id, "studentB");
    expect(await deleteAnnotation({ actorId: users.studentA1.id, annotationId: created.id })).toEqual({ wasKeptAsPlaceholder: true });

    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.deletedAt).toBeInstanceOf(Date);
    expect(stored).toMatchObject({ body: null, bodyText: null, bodyHtml: null, tags: [] });
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: replyId } })).toMatchObject({
      parentId: created.id,
      bodyText: "A reply.",
    });

    for (const person of ["studentB", "studentA1", "instructor"] as const) {
      const view = (await listFor(person, reading)).items.find((item) => item.id === created.id);
      expect(view, `${person} still lists the placeholder`).toMatchObject({
        isDeleted: true,
        author: { id: "", name: "Deleted" },
        bodyHtml: null,
        bodyText: null,
        body: null,
        target: null,
        tags: [],
        canEdit: false,
        canDelete: false,
      });
    }
    // Deleted once is deleted: its author deleting it again changes nothing while a reply needs
    // the placeholder (#18: the protocol's DELETE succeeds for its author); anyone else is told it is gone.
    expect(await deleteAnnotation({ actorId: users.studentA1.id, annotationId: created.id })).toEqual({ wasKeptAsPlaceholder: true });
    expect((await errorOf(deleteAnnotation({ actorId: users.studentA2.id, annotationId: created.id }))).code).toBe("GONE");
  });

  it("[DELETE] only the author deletes: readers are FORBIDDEN (staff too), others get NOT_FOUND", async () => {
    const created = await post("studentA1", reading, comment());
    for (const person of ["studentB", "instructor", "ta"] as const) {
      expect((await errorOf(deleteAnnotation({ actorId: users[person].id, annotationId: created.id }))).code).toBe("FORBIDDEN");
    }
    expect((await errorOf(deleteAnnotation({ actorId: users.outsider.id, annotationId: created.id }))).code).toBe("NOT_FOUND");
    const privateNote = await post("studentA1", reading, { ...comment(), visibility: "PRIVATE" });
    expect((await errorOf(deleteAnnotation({ actorId: users.instructor.id, annotationId: privateNote.id }))).code).toBe("NOT_FOUND");
    expect(await getDb().annotation.count({ where: { id: { in: [created.id, privateNote.id] }, deletedAt: null } })).toBe(2);
  });
});

describe("loadReadingWorkspace", () => {
  let reading: TestReading;
  let unassigned: TestReading;
  const ids = {} as Record<
    "a1Highlight" | "a1Comment" | "a1ParagraphPost" | "a1Private" | "a1Note" | "bHidden" | "bDeleted" | "orphan",
    string
  >;

  beforeAll(async () => {
    reading = await makeReading("workspace");
    unassigned = await makeReading("workspace-unassigned", { isAssigned: false });
    const db = getDb();
    const inCourse = { courseId: course.id };
    ids.a1Highlight = (
      await post("studentA1", reading, { ...inCourse, kind: "HIGHLIGHT", target: rangeOf(reading, "first paragraph"), color: "blue" })
    ).id;
    ids.a1Comment = (
      await post("studentA1", reading, {
        ...inCourse,
        kind: "COMMENT",
        target: rangeOf(reading, "information security"),
        body: plainBody("Key."),
      })
    ).id;
    ids.a1ParagraphPost = (
      await post("studentA1", reading, { ...inCourse, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("Two.") })
    ).id;
    ids.a1Private = (
      await post("studentA1", reading, { ...inCourse, kind: "HIGHLIGHT", target: rangeOf(reading, "short remark"), visibility: "PRIVATE" })
    ).id;
    ids.a1Note = (await post("studentA1", reading, { courseId: null, kind: "HIGHLIGHT", target: rangeOf(reading, "signed it") })).id;
    ids.bHidden = (
      await post("studentB", reading, { ...inCourse, kind: "COMMENT", target: rangeOf(reading, "cooperation"), body: plainBody("Hidden.") })
    ).id;
    await db.annotation.update({ where: { id: ids.bHidden }, data: { hiddenAt: new Date() } });
    ids.bDeleted = (
      await post("studentB", reading, {
        ...inCourse,
        kind: "COMMENT",
        target: rangeOf(reading, "third paragraph"),
        body: plainBody("Gone."),
      })
    ).id;
    await makeReply(ids.bDeleted, "studentA2");
    await deleteAnnotation({ actorId: users.studentB.id, annotationId: ids.bDeleted });
    ids.orphan = (
      await post("studentNoGroup", reading, {
        ...inCourse,
        kind: "COMMENT",
        target: rangeOf(reading, "the states"),
        body: plainBody("Lost."),
      })
    ).id;
    await db.annotation.update({ where: { id: ids.orphan }, data: { anchorStatus: "ORPHAN" } });
  });

  async function workspaceOf(person: Person, courseId: string | null = course.id, of: TestReading = reading) {
    return loadWorkspaceFor(users[person].id, of.id, courseId);
  }

  async function paintedIds(person: Person, courseId: string | null = course.id): Promise<string[]> {
    const workspace = await workspaceOf(person, courseId);
    expect(workspace).not.toBeNull();
    return workspace!
      .paintedRanges()
      .map((paint) => paint.id)
      .sort();
  }

  it("[PAINTING] only readable, anchored, not deleted ranges of the context are painted; a hidden range only for its author and staff", async () => {
    const sorted = (...names: (keyof typeof ids)[]) => names.map((name) => ids[name]).sort();
    expect(await paintedIds("studentA1")).toEqual(sorted("a1Highlight", "a1Comment", "a1Private"));
    expect(await paintedIds("studentA2")).toEqual(sorted("a1Highlight", "a1Comment"));
    expect(await paintedIds("studentB")).toEqual(sorted("a1Highlight", "a1Comment", "bHidden"));
    expect(await paintedIds("instructor")).toEqual(sorted("a1Highlight", "a1Comment", "bHidden"));
    expect(await paintedIds("ta")).toEqual(sorted("a1Highlight", "a1Comment", "bHidden"));
    expect(await paintedIds("studentA1", null)).toEqual(sorted("a1Note"));
    expect(await paintedIds("studentB", null)).toEqual([]);
  });

  it("[PAINTING] a painted range carries its offsets and colour", async () => {
    const workspace = await workspaceOf("studentA1");
    const range = rangeOf(reading, "first paragraph");
    expect(workspace!.paintedRanges().find((paint) => paint.id === ids.a1Highlight)).toEqual({
      id: ids.a1Highlight,
      ...range,
      color: "blue",
    });
  });

  it("[THREADS] posts are counted per paragraph as its thread counts them: comments, paragraph posts and replies, not highlights or deleted posts", async () => {
    // Paragraph 1: a1Comment and the orphaned comment; 2: the paragraph post and the hidden comment;
    // 3: a private highlight and a deleted comment (neither counts) with its reply (which does).
    for (const person of ["instructor", "studentA1", "studentB"] as const) {
      expect((await workspaceOf(person))!.postCounts).toEqual({ 1: 2, 2: 2, 3: 1 });
    }
    expect((await workspaceOf("studentA1", null))!.postCounts).toEqual({});
  });

  it("[CONTEXT] the workspace is null for an outsider's course context and for a course the reading is not assigned in", async () => {
    expect(await workspaceOf("outsider")).toBeNull();
    expect(await workspaceOf("studentA1", "no-such-course")).toBeNull();
    expect(await workspaceOf("studentA1", course.id, unassigned)).toBeNull();
    expect(await workspaceOf("instructor", course.id, unassigned)).toBeNull();
  });

  it("[CONTEXT] the contexts offered are the actor's own notes and the courses the reading is assigned in", async () => {
    const workspace = await workspaceOf("studentA1");
    expect(workspace!.contexts).toEqual([
      { courseId: null, label: "My notes" },
      { courseId: course.id, label: course.title },
    ]);
    expect((await workspaceOf("outsider", null))!.contexts).toEqual([{ courseId: null, label: "My notes" }]);
    expect((await workspaceOf("studentA1", null, unassigned))!.contexts).toEqual([{ courseId: null, label: "My notes" }]);
  });

  it("[VISIBILITY] the workspace offers the visibilities the actor may post with, and staff the course's groups", async () => {
    const student = await workspaceOf("studentA1");
    expect(student).toMatchObject({ visibilities: ["PRIVATE", "GROUP", "COURSE"], defaultVisibility: "COURSE", groups: [] });
    expect((await workspaceOf("studentNoGroup"))!.visibilities).toEqual(["PRIVATE", "COURSE"]);
    expect((await workspaceOf("ta"))!.groups).toEqual([
      { id: groupA, name: "A" },
      { id: groupB, name: "B" },
    ]);
    expect(await workspaceOf("studentA1", null)).toMatchObject({ visibilities: ["PRIVATE"], defaultVisibility: "PRIVATE" });
  });

  it("[VISIBILITY] the workspace's annotation list is the same scoped list", async () => {
    const workspace = await workspaceOf("studentA2");
    const list = await listFor("studentA2", reading);
    expect(workspace!.annotations.items.map((item) => item.id)).toEqual(list.items.map((item) => item.id));
    expect(workspace!.annotations.items.map((item) => item.id)).not.toContain(ids.a1Private);
  });
});

describe("toWebAnnotation", () => {
  let reading: TestReading;
  const origin = "https://scholia.example";
  beforeAll(async () => {
    reading = await makeReading("web-annotation");
  });

  it("[API] a comment is a W3C Annotation: commenting, position and quote selectors as stored, text/html body and tags", async () => {
    const view = await post("studentA1", reading, {
      courseId: course.id,
      kind: "COMMENT",
      target: rangeOf(reading, "member states"),
      body: docOf([textNode("Which", [{ type: "italic" }]), textNode(" states?")]),
      tags: ["question"],
    });
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: view.id } });
    const annotation = await presentWebAnnotation(view, origin);
    expect(annotation).toMatchObject({
      "@context": ["http://www.w3.org/ns/anno.jsonld", { scholia: `${origin}/ns/scholia#` }],
      id: `${origin}/api/readings/${reading.id}/courses/${course.id}/annotations/${view.id}`,
      type: "Annotation",
      motivation: "commenting",
      created: stored.createdAt.toISOString(),
      creator: { type: "Person", id: `${origin}/users/${users.studentA1.id}`, name: users.studentA1.name },
      "scholia:kind": "COMMENT",
      "scholia:visibility": "COURSE",
      "scholia:course": course.id,
      "scholia:paragraph": 2,
    });
    expect(annotation.target).toEqual({
      type: "SpecificResource",
      source: `${origin}/readings/${reading.id}`,
      "scholia:text": `${origin}/api/readings/${reading.id}/text`,
      selector: [
        { type: "TextPositionSelector", start: stored.startOffset, end: stored.endOffset },
        { type: "TextQuoteSelector", exact: stored.quoteExact, prefix: stored.quotePrefix, suffix: stored.quoteSuffix },
      ],
    });
    expect(annotation.body).toEqual([
      { type: "TextualBody", value: "Which states?", format: "text/plain", purpose: "commenting" },
      { type: "TextualBody", value: "<p><em>Which</em> states?</p>", format: "text/html", purpose: "commenting" },
      { type: "TextualBody", value: "question", purpose: "tagging" },
    ]);
    expect(annotation).not.toHaveProperty("modified");
    // JSON-LD is sent as JSON: the shape survives serialisation.
    expect((JSON.parse(JSON.stringify(annotation)) as Record<string, unknown>)["@context"]).toEqual([
      "http://www.w3.org/ns/anno.jsonld",
      { scholia: `${origin}/ns/scholia#` },
    ]);
  });

  it("[API] a highlight is motivated by highlighting and has no body; an edited post has a modified time", async () => {
    const view = await post("studentA1", reading, { courseId: course.id, kind: "HIGHLIGHT", target: rangeOf(reading, "short remark") });
    const annotation = await presentWebAnnotation(view, origin);
    expect(annotation.motivation).toBe("highlighting");
    expect(annotation).not.toHaveProperty("body");
    expect(annotation.target).toMatchObject({
      selector: [{ type: "TextPositionSelector" }, { type: "TextQuoteSelector", exact: "short remark" }],
    });
    const edited = await presentWebAnnotation(await edit("studentA1", view.id, { color: "green" }), origin);
    expect(edited.modified).toEqual(expect.any(String));
    expect(edited["scholia:color"]).toBe("green");
  });

  it("[API] a paragraph post targets its paragraph with a FragmentSelector (p-N, HTML fragment)", async () => {
    const view = await post("studentA1", reading, {
      courseId: course.id,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 3 },
      body: plainBody("Closing words."),
    });
    const annotation = await presentWebAnnotation(view, origin);
    expect(annotation.motivation).toBe("commenting");
    expect(annotation.target).toEqual({
      type: "SpecificResource",
      source: `${origin}/readings/${reading.id}`,
      selector: { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "p-3" },
    });
    expect(annotation.body).toContainEqual({
      type: "TextualBody",
      value: "<p>Closing words.</p>",
      format: "text/html",
      purpose: "commenting",
    });
  });
});
