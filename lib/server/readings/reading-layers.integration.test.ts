import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCUSSION_KINDS } from "../../domain/discussion.ts";
import { createReply } from "../annotations/create-reply.ts";
import { deleteAnnotation } from "../annotations/delete-annotation.ts";
import { listReadingAnnotations } from "../annotations/list-reading-annotations.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import { updateAnnotation } from "../annotations/update-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { annotationReadScope, loadActorContext } from "../permissions/annotation-scope.ts";
import { createCourseFixture, plainBody, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { loadWorkspaceFor } from "../testing/reading-workspace.ts";

// The reading page's shared layers are kept between page loads (reading-layers.ts). These tests
// change posts through the services, between page loads, and check that the next load of every
// reader shows the change exactly as the permission core decides, from a layer that was warm.

let fixture: CourseFixture;
const members: Person[] = ["instructor", "ta", "studentA1", "studentA2", "studentB", "studentNoGroup"];

beforeAll(async () => {
  fixture = await createCourseFixture("layers");
});

afterAll(async () => {
  await fixture.cleanUp();
  await disconnectDb();
});

async function viewOf(person: Person) {
  const workspace = await loadWorkspaceFor(fixture.users[person].id, fixture.reading.id, fixture.courseId);
  expect(workspace, person).not.toBeNull();
  return workspace!;
}

/** Who sees the annotation painted on their next page load, and with which colour. */
async function paintedFor(annotationId: string): Promise<Record<string, string | null>> {
  const seen: Record<string, string | null> = {};
  for (const person of members) {
    const range = (await viewOf(person)).paintedRanges().find((candidate) => candidate.id === annotationId);
    if (range) seen[person] = range.color;
  }
  return seen;
}

async function countsFor(): Promise<Record<string, Record<number, number>>> {
  const counts: Record<string, Record<number, number>> = {};
  for (const person of members) counts[person] = (await viewOf(person)).postCounts;
  return counts;
}

/**
 * What the page counted before the layers, straight from the table for each member: the
 * discussion's posts per paragraph position (replies included) and the margin's total.
 */
async function directCounts(person: Person): Promise<{ postCounts: Record<number, number>; total: number }> {
  const actor = await loadActorContext(fixture.users[person].id);
  const where = { readingId: fixture.reading.id, courseId: fixture.courseId, paragraph: { retiredInVersion: null } };
  const rows = await getDb().annotation.findMany({
    where: { AND: [annotationReadScope(actor), where, { deletedAt: null, kind: { in: [...DISCUSSION_KINDS] } }] },
    select: { paragraph: { select: { position: true } } },
  });
  const postCounts: Record<number, number> = {};
  for (const row of rows) postCounts[row.paragraph.position] = (postCounts[row.paragraph.position] ?? 0) + 1;
  const total = await getDb().annotation.count({ where: { AND: [annotationReadScope(actor), where, { parentId: null }] } });
  return { postCounts, total };
}

async function expectCountsAsCounted(step: string): Promise<void> {
  for (const person of members) {
    const workspace = await viewOf(person);
    expect({ postCounts: workspace.postCounts, total: workspace.annotations.total }, `${step}: ${person}`).toEqual(
      await directCounts(person),
    );
  }
}

describe("reading layers", () => {
  it("[LAYERS] a post, an edit, a visibility change, a hide and a deletion each show on every reader's next page load", async () => {
    // Warm every audience's layer first.
    const before = await countsFor();
    for (const person of members) expect(before[person], person).toEqual({});

    const post = await fixture.post("studentA2", {
      kind: "COMMENT",
      target: fixture.rangeOf("information security"),
      color: "blue",
      body: plainBody("A comment."),
    });
    expect(await paintedFor(post.id)).toEqual(Object.fromEntries(members.map((person) => [person, "blue"])));
    for (const [person, counts] of Object.entries(await countsFor())) expect(counts, person).toEqual({ 1: 1 });

    await updateAnnotation({ actorId: fixture.users.studentA2.id, annotationId: post.id, input: { color: "pink" } });
    expect(await paintedFor(post.id)).toEqual(Object.fromEntries(members.map((person) => [person, "pink"])));

    await updateAnnotation({ actorId: fixture.users.studentA2.id, annotationId: post.id, input: { visibility: "GROUP" } });
    expect(await paintedFor(post.id)).toEqual({ instructor: "pink", ta: "pink", studentA1: "pink", studentA2: "pink" });
    const grouped = await countsFor();
    expect(grouped.studentB).toEqual({});
    expect(grouped.studentA1).toEqual({ 1: 1 });

    await moderateAnnotation({
      actorId: fixture.users.instructor.id,
      annotationId: post.id,
      action: { action: "hide", reason: "Off topic" },
    });
    // Hidden: painted for its author and staff only; still counted where it can be known to exist.
    expect(await paintedFor(post.id)).toEqual({ instructor: "pink", ta: "pink", studentA2: "pink" });
    expect((await countsFor()).studentA1).toEqual({ 1: 1 });

    await moderateAnnotation({ actorId: fixture.users.instructor.id, annotationId: post.id, action: { action: "unhide" } });
    expect(await paintedFor(post.id)).toEqual({ instructor: "pink", ta: "pink", studentA1: "pink", studentA2: "pink" });

    await deleteAnnotation({ actorId: fixture.users.studentA2.id, annotationId: post.id });
    expect(await paintedFor(post.id)).toEqual({});
    for (const [person, counts] of Object.entries(await countsFor())) expect(counts, person).toEqual({});
  }, 180_000);

  it("[LAYERS] a private note and a hidden post show only to their author, while others keep the shared paint", async () => {
    const note = await fixture.post("studentB", { kind: "HIGHLIGHT", target: fixture.rangeOf("cooperation"), visibility: "PRIVATE" });
    const shared = await fixture.post("studentA1", { kind: "HIGHLIGHT", target: fixture.rangeOf("member states"), color: "green" });
    expect(await paintedFor(note.id)).toEqual({ studentB: "yellow" });
    expect(await paintedFor(shared.id)).toEqual(Object.fromEntries(members.map((person) => [person, "green"])));
    await fixture.hide(shared.id);
    expect(await paintedFor(shared.id)).toEqual({ instructor: "green", ta: "green", studentA1: "green" });
  }, 120_000);

  it("[LAYERS] a post-first gate hides others' posts until the student posts on the paragraph, then they show on the next load", async () => {
    const other = await fixture.post("studentA1", {
      kind: "COMMENT",
      target: fixture.rangeOf("short remark"),
      body: plainBody("On the third paragraph."),
    });
    await getDb().assignment.updateMany({
      where: { courseId: fixture.courseId, readingId: fixture.reading.id },
      data: { postFirst: true },
    });
    try {
      expect(await paintedFor(other.id)).toEqual({ instructor: "yellow", ta: "yellow", studentA1: "yellow" });
      expect((await viewOf("studentB")).postCounts[3]).toBeUndefined();
      await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("My turn.") });
      const unlocked = await viewOf("studentB");
      expect(unlocked.paintedRanges().map((range) => range.id)).toContain(other.id);
      expect(unlocked.postCounts[3]).toBe(2);
    } finally {
      await getDb().assignment.updateMany({
        where: { courseId: fixture.courseId, readingId: fixture.reading.id },
        data: { postFirst: false },
      });
    }
  }, 120_000);

  it("[LAYERS] discussion counts (replies included) and the margin's total equal a direct count after creates, replies, deletions, visibility changes and hides", async () => {
    await expectCountsAsCounted("warm");
    const root = await fixture.post("studentA1", {
      kind: "COMMENT",
      target: fixture.rangeOf("member states"),
      body: plainBody("A thread."),
    });
    await createReply({ actorId: fixture.users.studentA1.id, parentId: root.id, body: plainBody("My own follow-up.") });
    await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("Mine."), visibility: "PRIVATE" });
    await fixture.post("ta", { kind: "HIGHLIGHT", target: fixture.rangeOf("cooperation") });
    await expectCountsAsCounted("after creates and a reply");

    // The thread goes to the group: its reply follows under the post's one event.
    await updateAnnotation({ actorId: fixture.users.studentA1.id, annotationId: root.id, input: { visibility: "GROUP" } });
    await expectCountsAsCounted("after a visibility change");

    const replyA = await createReply({ actorId: fixture.users.studentA2.id, parentId: root.id, body: plainBody("A reply.") });
    const replyB = await createReply({ actorId: fixture.users.instructor.id, parentId: root.id, body: plainBody("Another.") });
    await expectCountsAsCounted("after replies");

    await fixture.hide(replyA.id);
    await expectCountsAsCounted("after a hide");

    await deleteAnnotation({ actorId: fixture.users.instructor.id, annotationId: replyB.id });
    await expectCountsAsCounted("after a reply's deletion");

    // With a reply left, the post stays as a placeholder: listed, no longer counted.
    await deleteAnnotation({ actorId: fixture.users.studentA1.id, annotationId: root.id });
    await expectCountsAsCounted("after the post's deletion");

    await deleteAnnotation({ actorId: fixture.users.studentA2.id, annotationId: replyA.id });
    await expectCountsAsCounted("after the last reply's deletion");
  }, 240_000);

  it("[LAYERS] the margin's first page, read from the leading paragraphs only, is the first page of the whole reading", async () => {
    // More posts than a page on the first paragraph (so that its page is read there alone), some
    // on the others, of every visibility a student can use.
    const authors: Person[] = ["studentA1", "studentA2", "studentB", "studentNoGroup"];
    for (let index = 0; index < 88; index += 1) {
      const author = authors[index % authors.length]!;
      const visibility = index % 5 === 0 ? "PRIVATE" : index % 3 === 0 && author !== "studentNoGroup" ? "GROUP" : "COURSE";
      await fixture.post(author, {
        kind: "PARAGRAPH_POST",
        target: { paragraph: index < 80 ? 1 : 2 + (index % 2) },
        body: plainBody(`Post ${index}.`),
        visibility,
      });
    }
    for (const person of members) {
      const workspace = await viewOf(person);
      const whole = await listReadingAnnotations({
        actor: await loadActorContext(fixture.users[person].id),
        readingId: fixture.reading.id,
        courseId: fixture.courseId,
        page: 1,
        pageSize: 50,
      });
      expect(
        workspace.annotations.items.map((item) => item.id),
        person,
      ).toEqual(whole.items.map((item) => item.id));
      expect(workspace.annotations.total, person).toBe(whole.total);
    }
  }, 240_000);
});
