import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadAnnotation } from "../../domain/permissions.ts";
import { listParagraphThread } from "../annotations/list-paragraph-thread.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import { createReply } from "../annotations/create-reply.ts";
import { disconnectDb, getDb } from "../db.ts";
import { findReadableAnnotations } from "../permissions/annotation-scope.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { listNotifications } from "./list-notifications.ts";

// Post first (issue #13.6, #14.7): only a post the course's staff can see opens a paragraph, and
// notifications about a post behind a student's gate say so without showing it. Questions
// (#13.15): the asker hears when a reply is marked as the answer.

let fixture: CourseFixture;

beforeAll(async () => {
  fixture = await createCourseFixture("notify");
  // The main course's assignment of the reading becomes post first.
  await getDb().assignment.updateMany({ where: { courseId: fixture.courseId, readingId: fixture.reading.id }, data: { postFirst: true } });
});

afterAll(async () => {
  await fixture.cleanUp();
  await disconnectDb();
});

async function threadIds(person: Parameters<CourseFixture["actor"]>[0], paragraphPosition: number): Promise<string[]> {
  const thread = await listParagraphThread({
    actor: await fixture.actor(person),
    readingId: fixture.reading.id,
    courseId: fixture.courseId,
    paragraphPosition,
  });
  return thread.roots.map((node) => node.id);
}

describe("post first: what unlocks a paragraph", () => {
  it("[POST FIRST] a PRIVATE note does not unlock a paragraph; a post the staff can see does", async () => {
    const classmates = await fixture.post("studentA2", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 2 },
      body: plainBody("Paragraph two, A2."),
    });
    await fixture.post("studentB", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 2 },
      body: plainBody("Only me."),
      visibility: "PRIVATE",
    });

    const afterNote = await fixture.actor("studentB");
    expect(afterNote.postFirstGates?.[0]?.unlockedParagraphIds ?? []).toEqual([]);
    const row = await getDb().annotation.findUniqueOrThrow({ where: { id: classmates.id } });
    expect(canReadAnnotation(afterNote, row)).toBe(false);
    const scoped = await findReadableAnnotations({ actor: afterNote, where: { id: classmates.id } });
    expect(scoped).toEqual([]);
    expect(await threadIds("studentB", 2)).not.toContain(classmates.id);

    await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("Shared with the course.") });
    expect(await threadIds("studentB", 2)).toContain(classmates.id);
  });
});

describe("notifications behind a post-first gate", () => {
  it("[POST FIRST] a mention on a paragraph the student has not posted on says a post mentions them and that posting unlocks it, with no excerpt", async () => {
    await fixture.post("studentA2", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 3 },
      body: plainBody("A secret argument about paragraph three, @studentA1."),
      mentionedUserIds: [fixture.users.studentA1.id],
    });
    const locked = (await listNotifications({ actorId: fixture.users.studentA1.id })).items.find((item) => item.type === "MENTION");
    expect(locked).toMatchObject({ isLockedByPostFirst: true, excerpt: null, paragraphPosition: 3 });
    expect(JSON.stringify(locked)).not.toContain("secret argument");

    // Posting on the paragraph (visible to staff) unlocks it: the same notification now shows the excerpt.
    await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("My own view.") });
    const unlocked = (await listNotifications({ actorId: fixture.users.studentA1.id })).items.find((item) => item.type === "MENTION");
    expect(unlocked).toMatchObject({ isLockedByPostFirst: false, excerpt: expect.stringContaining("secret argument") });
  });

  it("[POST FIRST] a private note on the paragraph does not unlock the mention's excerpt either", async () => {
    await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("A note to self."),
      visibility: "PRIVATE",
    });
    await fixture.post("studentA2", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Paragraph one matters, @studentA1."),
      mentionedUserIds: [fixture.users.studentA1.id],
    });
    const items = (await listNotifications({ actorId: fixture.users.studentA1.id })).items;
    const onParagraphOne = items.find((item) => item.type === "MENTION" && item.paragraphPosition === 1);
    expect(onParagraphOne).toMatchObject({ isLockedByPostFirst: true, excerpt: null });
  });

  it("[NOTIFICATIONS] a post the reader could never read (another group's) is neither locked nor excerpted", async () => {
    // Staff are never gated and read every group: their mention notifications carry the excerpt.
    await fixture.post("studentB", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("For the instructor's eyes, @instructor."),
      mentionedUserIds: [fixture.users.instructor.id],
    });
    const staffItem = (await listNotifications({ actorId: fixture.users.instructor.id })).items.find((item) => item.type === "MENTION");
    expect(staffItem).toMatchObject({ isLockedByPostFirst: false, excerpt: expect.stringContaining("instructor's eyes") });
  });
});

describe("answers", () => {
  it("[NOTIFICATIONS] when staff mark a reply as the answer, the asker is notified as well as the reply's author", async () => {
    const question = await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("What does the first paragraph mean?"),
      isQuestion: true,
    });
    const answer = await createReply({ actorId: fixture.users.studentA2.id, parentId: question.id, body: plainBody("It means this.") });
    await moderateAnnotation({ actorId: fixture.users.instructor.id, annotationId: answer.id, action: { action: "mark-answer" } });

    const asker = (await listNotifications({ actorId: fixture.users.studentA1.id })).items;
    expect(asker.find((item) => item.type === "QUESTION_ANSWERED")).toMatchObject({ actorName: fixture.users.instructor.name });
    const replier = (await listNotifications({ actorId: fixture.users.studentA2.id })).items;
    expect(replier.find((item) => item.type === "ANSWERED")).toBeTruthy();
  });

  it("[NOTIFICATIONS] staff answering their own student's question with their own reply notify the asker only", async () => {
    const question = await fixture.post("studentB", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Is this binding?"),
      isQuestion: true,
    });
    const answer = await createReply({ actorId: fixture.users.instructor.id, parentId: question.id, body: plainBody("No.") });
    await moderateAnnotation({ actorId: fixture.users.instructor.id, annotationId: answer.id, action: { action: "mark-answer" } });
    const asker = (await listNotifications({ actorId: fixture.users.studentB.id })).items.filter(
      (item) => item.type === "QUESTION_ANSWERED",
    );
    expect(asker).toHaveLength(1);
    const instructor = (await listNotifications({ actorId: fixture.users.instructor.id })).items.filter((item) => item.type === "ANSWERED");
    expect(instructor).toHaveLength(0);
  });
});
