import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { AppError } from "../app-error.ts";
import { listCourseMembers } from "../courses/list-course-members.ts";
import { disconnectDb, getDb } from "../db.ts";
import { countUnreadNotifications } from "../notifications/count-unread-notifications.ts";
import { listNotifications } from "../notifications/list-notifications.ts";
import { markNotificationsRead } from "../notifications/mark-notifications-read.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { createAnnotation } from "./create-annotation.ts";
import { createReply } from "./create-reply.ts";
import { deleteAnnotation } from "./delete-annotation.ts";
import type { ThreadSort } from "../../domain/annotation-input.ts";
import { listParagraphThread, MAX_REPLY_DEPTH, type ThreadNode } from "./list-paragraph-thread.ts";
import { listThreadReplies } from "./list-thread-replies.ts";
import { nestThread } from "../../domain/thread-tree.ts";
import { recordQueries } from "../testing/query-recorder.ts";
import { parseQuery } from "../route.ts";
import {
  listParagraphThread as listParagraphThreadEndpoint,
  listThreadReplies as listThreadRepliesEndpoint,
} from "../../api/annotations.ts";
import { moderationActionSchema, type ModerationAction } from "../../domain/annotation-input.ts";
import { moderateAnnotation } from "./moderate-annotation.ts";
import type { AnnotationView } from "./present-annotation.ts";
import { toggleUpvote } from "./toggle-upvote.ts";
import { updateAnnotation } from "./update-annotation.ts";
import type { TestPerson } from "../testing/people.ts";
import { CLASS_SEATS, createTestWorld, statementText, type TestCourse, type TestWorld } from "../testing/course-fixture.ts";
import { loadWorkspaceFor } from "../testing/reading-workspace.ts";
import { errorOf } from "../testing/app-error-of.ts";

// Threads end to end against PostgreSQL: replies and the notifications they send, upvotes,
// moderation, the paragraph thread as each reader sees it, the notification list, course
// members for @mentions, and the event log every mutation writes for the live channel.
// One course and its people are seeded under a random prefix; each describe block gets its own
// copy of the reading. Everything is deleted afterwards: courses, readings and users cascade to
// the rest, except the event log (no foreign keys), which is deleted by reading.
const READING_TEXT = statementText("Thread Test Reading");

const PEOPLE = ["instructor", "ta", "studentA1", "studentA2", "studentA3", "studentB", "outsider"] as const;
type Person = (typeof PEOPLE)[number];

let world: TestWorld<Person>;
let users = {} as Record<Person, TestPerson>;
let course: TestCourse<"A" | "B">;
let groupA = "";

type TestReading = { id: string; title: string; canonicalText: string; assignmentId: string };
type CreateFields = Omit<z.input<typeof createAnnotationInputSchema>, "readingId">;

beforeAll(async () => {
  world = await createTestWorld("thr", PEOPLE);
  users = world.users;
  const { studentNoGroup: _, ...seats } = CLASS_SEATS;
  course = await world.course("Threads", { groups: ["A", "B"], members: { ...seats, studentA3: "A" } });
  groupA = course.groups.A;
});

afterAll(async () => {
  await world.cleanUp();
  await disconnectDb();
});

/** A fresh copy of the reading, assigned in the course. */
async function makeReading(name: string): Promise<TestReading> {
  const { id, title, canonicalText, assignmentId } = await world.reading(name, READING_TEXT, { assignIn: course.id });
  return { id, title, canonicalText, assignmentId: assignmentId! };
}

/** The offsets of a phrase that occurs once in the reading. */
function rangeOf(reading: TestReading, phrase: string): { start: number; end: number } {
  const start = reading.canonicalText.indexOf(phrase);
  expect(start, `"${phrase}" is in the text`).toBeGreaterThanOrEqual(0);
  expect(reading.canonicalText.indexOf(phrase, start + 1), `"${phrase}" occurs once`).toBe(-1);
  return { start, end: start + phrase.length };
}

const plainBody = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

function post(person: Person, reading: TestReading, fields: CreateFields): Promise<AnnotationView> {
  return createAnnotation({
    actorId: users[person].id,
    input: createAnnotationInputSchema.parse({ courseId: course.id, ...fields, readingId: reading.id }),
  });
}

/** A COURSE paragraph post (unless told otherwise), the usual root of a thread here. */
function postOnParagraph(
  person: Person,
  reading: TestReading,
  paragraph: number,
  text: string,
  fields: Partial<CreateFields> = {},
): Promise<AnnotationView> {
  return post(person, reading, { kind: "PARAGRAPH_POST", target: { paragraph }, body: plainBody(text), ...fields });
}

function reply(person: Person, parentId: string, text: string, mentions: Person[] | string[] = []): Promise<AnnotationView> {
  const mentionedUserIds = mentions.map((mention) => (mention in users ? users[mention as Person].id : mention));
  return createReply({ actorId: users[person].id, parentId, body: plainBody(text), mentionedUserIds });
}

function moderate(person: Person, annotationId: string, action: ModerationAction): Promise<AnnotationView> {
  return moderateAnnotation({ actorId: users[person].id, annotationId, action });
}

function upvote(person: Person, annotationId: string) {
  return toggleUpvote({ actorId: users[person].id, annotationId });
}

async function threadFor(person: Person, reading: TestReading, paragraphPosition: number, sort?: ThreadSort) {
  return listParagraphThread({
    actor: await loadActorContext(users[person].id),
    readingId: reading.id,
    courseId: course.id,
    paragraphPosition,
    sort,
  });
}

/** Every node of a thread, depth first. */
function flatten(nodes: ThreadNode[]): ThreadNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.replies)]);
}

function findNode(nodes: ThreadNode[], id: string): ThreadNode | undefined {
  return flatten(nodes).find((node) => node.id === id);
}

/** Who was notified of an annotation, as "person:TYPE", sorted. */
async function notificationsOf(annotationId: string): Promise<string[]> {
  const rows = await getDb().notification.findMany({ where: { annotationId }, select: { userId: true, type: true } });
  const personOf = (userId: string) => PEOPLE.find((person) => users[person].id === userId) ?? userId;
  return rows.map((row) => `${personOf(row.userId)}:${row.type}`).sort();
}

describe("createReply", () => {
  let reading: TestReading;
  let groupRoot: AnnotationView;
  beforeAll(async () => {
    reading = await makeReading("replies");
    groupRoot = await post("studentA1", reading, {
      kind: "COMMENT",
      target: rangeOf(reading, "cooperation"),
      body: plainBody("Group A only."),
      visibility: "GROUP",
    });
  });

  it("[THREADS] a reply takes its root's course, group, visibility, paragraph and assignment", async () => {
    const view = await reply("studentA2", groupRoot.id, "I agree.");
    expect(view).toMatchObject({
      kind: "REPLY",
      courseId: course.id,
      groupId: groupA,
      visibility: "GROUP",
      paragraphPosition: 2,
      parentId: groupRoot.id,
      rootId: groupRoot.id,
      target: null,
      bodyText: "I agree.",
      parentAuthorName: users.studentA1.name,
    });
    const [root, stored] = await Promise.all([
      getDb().annotation.findUniqueOrThrow({ where: { id: groupRoot.id } }),
      getDb().annotation.findUniqueOrThrow({ where: { id: view.id } }),
    ]);
    expect(stored).toMatchObject({
      authorId: users.studentA2.id,
      readingId: reading.id,
      paragraphId: root.paragraphId,
      courseId: course.id,
      assignmentId: reading.assignmentId,
      groupId: groupA,
      visibility: "GROUP",
      startOffset: null,
      quoteExact: null,
      bodyHtml: "<p>I agree.</p>",
    });
  });

  it("[THREADS] a reply to a reply points at its parent and at the thread's root", async () => {
    const first = await reply("studentA2", groupRoot.id, "First level.");
    const second = await reply("studentA1", first.id, "Second level.");
    const third = await reply("instructor", second.id, "Third level.");
    expect(second).toMatchObject({ parentId: first.id, rootId: groupRoot.id, groupId: groupA, visibility: "GROUP" });
    expect(third).toMatchObject({
      parentId: second.id,
      rootId: groupRoot.id,
      groupId: groupA,
      visibility: "GROUP",
      parentAuthorName: users.studentA1.name,
    });
  });

  it("[NOTIFICATIONS] the parent's author is notified of a reply, but not of their own reply", async () => {
    const fromOther = await reply("studentA2", groupRoot.id, "Notify the author.");
    expect(await notificationsOf(fromOther.id)).toEqual(["studentA1:REPLY"]);
    const stored = await getDb().notification.findFirstOrThrow({ where: { annotationId: fromOther.id } });
    expect(stored).toMatchObject({ actorId: users.studentA2.id, readAt: null });

    const toSelf = await reply("studentA1", groupRoot.id, "A note to my own post.");
    expect(await notificationsOf(toSelf.id)).toEqual([]);
  });

  it("[NOTIFICATIONS] in a group thread only mentioned members who can read the reply are notified: not another group, not an outsider", async () => {
    const view = await reply("studentA2", groupRoot.id, "@ta @studentB @outsider what do you think?", [
      "ta",
      "studentB",
      "outsider",
      "instructor",
    ]);
    expect(await notificationsOf(view.id)).toEqual(["instructor:MENTION", "studentA1:REPLY", "ta:MENTION"]);
  });

  it("[NOTIFICATIONS] a mention in a course-wide thread reaches a member of any group", async () => {
    const courseRoot = await postOnParagraph("studentA1", reading, 3, "For the whole class.");
    const view = await reply("studentA2", courseRoot.id, "@studentB see this.", ["studentB", "outsider"]);
    expect(await notificationsOf(view.id)).toEqual(["studentA1:REPLY", "studentB:MENTION"]);
  });

  it("[NOTIFICATIONS] a new post can mention members too: those who may read it are notified", async () => {
    const groupPost = await postOnParagraph("studentA1", reading, 2, "@studentA2 @studentB group-only thought", {
      visibility: "GROUP",
      mentionedUserIds: [users.studentA2.id, users.studentB.id, users.outsider.id],
    });
    expect(await notificationsOf(groupPost.id)).toEqual(["studentA2:MENTION"]);
    const highlight = await post("studentA1", reading, {
      kind: "HIGHLIGHT",
      target: rangeOf(reading, "second paragraph"),
      mentionedUserIds: [users.studentA2.id],
    });
    expect(await notificationsOf(highlight.id)).toEqual([]);
  });

  it("[NOTIFICATIONS] one notification per person: repeated mentions, the mentioned parent author and self-mentions add nothing", async () => {
    const view = await reply("studentA2", groupRoot.id, "Twice.", ["ta", "ta", "studentA1", "studentA2", "ta"]);
    expect(await notificationsOf(view.id)).toEqual(["studentA1:REPLY", "ta:MENTION"]);
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: view.id }, select: { mentionedUserIds: true } });
    expect(stored.mentionedUserIds.sort()).toEqual([users.ta.id, users.studentA1.id].sort());
  });

  it("[THREADS] a highlight cannot be replied to", async () => {
    const highlight = await post("studentA1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "plain words") });
    const error = await errorOf(reply("studentA2", highlight.id, "Hm."));
    expect(error.code).toBe("VALIDATION");
    expect(await getDb().annotation.count({ where: { parentId: highlight.id } })).toBe(0);
  });

  it("[THREADS] a deleted post cannot be replied to: CONFLICT", async () => {
    const root = await postOnParagraph("studentA1", reading, 1, "Soon gone.");
    await reply("studentA2", root.id, "Keeps the thread.");
    expect(await deleteAnnotation({ actorId: users.studentA1.id, annotationId: root.id })).toEqual({ wasKeptAsPlaceholder: true });
    const error = await errorOf(reply("studentB", root.id, "Too late."));
    expect(error.code).toBe("CONFLICT");
  });

  it("[MODERATION] a post hidden from the actor cannot be replied to: CONFLICT", async () => {
    const root = await postOnParagraph("studentA1", reading, 1, "Soon hidden.");
    await moderate("ta", root.id, { action: "hide", reason: "Off topic." });
    const error = await errorOf(reply("studentA2", root.id, "What did it say?"));
    expect(error.code).toBe("CONFLICT");
    expect(await getDb().annotation.count({ where: { parentId: root.id } })).toBe(0);
  });

  it("[VISIBILITY] a post the actor cannot see is NOT_FOUND to reply to: another group's, another's private note, a course one for an outsider", async () => {
    const privateNote = await postOnParagraph("studentA1", reading, 1, "Mine alone.", { visibility: "PRIVATE" });
    const courseRoot = await postOnParagraph("studentA1", reading, 1, "Class-wide.");
    for (const [person, parentId] of [
      ["studentB", groupRoot.id],
      ["studentA2", privateNote.id],
      ["instructor", privateNote.id],
      ["outsider", courseRoot.id],
    ] as const) {
      const error = await errorOf(reply(person, parentId, "Let me in."));
      expect(error.code, `${person} replying`).toBe("NOT_FOUND");
    }
    expect(
      await getDb().annotation.count({
        where: {
          parentId: { in: [groupRoot.id, privateNote.id, courseRoot.id] },
          authorId: { in: [users.studentB.id, users.outsider.id] },
        },
      }),
    ).toBe(0);
  });

  it("[COMMENTARY] a reply with an invalid body is refused with a field error, and nothing is stored", async () => {
    const before = await getDb().annotation.count({ where: { parentId: groupRoot.id } });
    for (const body of [
      { type: "doc", content: [{ type: "paragraph" }] },
      { type: "doc", content: [{ type: "image", attrs: { src: "x" } }] },
      "plain string",
      null,
    ]) {
      const error = await errorOf(createReply({ actorId: users.studentA2.id, parentId: groupRoot.id, body }));
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors?.body).toEqual([error.message]);
    }
    expect(await getDb().annotation.count({ where: { parentId: groupRoot.id } })).toBe(before);
  });
});

describe("toggleUpvote", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("upvotes");
  });

  it("[UPVOTES] an upvote toggles on and off, and each person counts once", async () => {
    const target = await postOnParagraph("studentA1", reading, 1, "Upvote me.");
    expect(await upvote("studentA2", target.id)).toEqual({ hasUpvoted: true, upvoteCount: 1 });
    expect(await upvote("studentB", target.id)).toEqual({ hasUpvoted: true, upvoteCount: 2 });
    expect(await upvote("studentA2", target.id)).toEqual({ hasUpvoted: false, upvoteCount: 1 });
    expect(await upvote("studentA2", target.id)).toEqual({ hasUpvoted: true, upvoteCount: 2 });
    const reactions = await getDb().reaction.findMany({ where: { annotationId: target.id }, select: { userId: true, kind: true } });
    expect(reactions.map((reaction) => reaction.userId).sort()).toEqual([users.studentA2.id, users.studentB.id].sort());
    expect(reactions.every((reaction) => reaction.kind === "UPVOTE")).toBe(true);
  });

  it("[UPVOTES] nobody upvotes their own post, and highlights are not upvoted", async () => {
    const own = await postOnParagraph("studentA1", reading, 2, "My own.");
    expect((await errorOf(upvote("studentA1", own.id))).code).toBe("VALIDATION");
    const highlight = await post("studentA1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "short remark") });
    expect((await errorOf(upvote("studentA2", highlight.id))).code).toBe("VALIDATION");
    expect(await getDb().reaction.count({ where: { annotationId: { in: [own.id, highlight.id] } } })).toBe(0);
  });

  it("[UPVOTES] an upvote needs a post the actor can see and read: NOT_FOUND for another group's, CONFLICT once hidden", async () => {
    const groupPost = await postOnParagraph("studentA1", reading, 2, "Group only.", { visibility: "GROUP" });
    expect((await errorOf(upvote("studentB", groupPost.id))).code).toBe("NOT_FOUND");
    const hidden = await postOnParagraph("studentA1", reading, 2, "Hidden soon.");
    await moderate("instructor", hidden.id, { action: "hide", reason: "Spam." });
    expect((await errorOf(upvote("studentA2", hidden.id))).code).toBe("CONFLICT");
  });

  it("[UPVOTES] two toggles at once by the same person leave zero or one upvote, never two, and fail with no error", async () => {
    for (let round = 0; round < 5; round += 1) {
      const target = await postOnParagraph("studentA1", reading, 3, `Race ${round}.`);
      const results = await Promise.allSettled([upvote("studentA2", target.id), upvote("studentA2", target.id)]);
      for (const result of results) {
        if (result.status === "rejected") throw result.reason;
        expect(result.value.upvoteCount).toBeGreaterThanOrEqual(0);
        expect(result.value.upvoteCount).toBeLessThanOrEqual(1);
      }
      const count = await getDb().reaction.count({ where: { annotationId: target.id } });
      expect([0, 1]).toContain(count);
      // The next toggle starts from the state the race left behind.
      expect(await upvote("studentA2", target.id)).toEqual({ hasUpvoted: count === 0, upvoteCount: count === 0 ? 1 : 0 });
    }
  });
});

describe("moderateAnnotation", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("moderation");
  });

  it("[MODERATION] a student cannot moderate: FORBIDDEN, and nothing changes", async () => {
    const target = await postOnParagraph("studentA2", reading, 1, "Pin me.");
    for (const action of [{ action: "hide", reason: "No." }, { action: "pin" }, { action: "endorse" }] as const) {
      expect((await errorOf(moderate("studentA1", target.id, action))).code).toBe("FORBIDDEN");
    }
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored).toMatchObject({ hiddenAt: null, pinnedAt: null, endorsedAt: null });
    expect(await notificationsOf(target.id)).toEqual([]);
  });

  it("[MODERATION] a TA hides a post with a reason: students see it hidden without content, the author and the instructor still read it and the reason", async () => {
    const target = await postOnParagraph("studentA1", reading, 2, "Something rude.");
    const hidden = await moderate("ta", target.id, { action: "hide", reason: "Be kind." });
    expect(hidden).toMatchObject({ isHidden: true, hiddenReason: "Be kind.", bodyText: "Something rude.", canModerate: true });
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored).toMatchObject({ hiddenById: users.ta.id, hiddenReason: "Be kind." });
    expect(stored.hiddenAt).toBeInstanceOf(Date);

    const forStudent = findNode((await threadFor("studentA2", reading, 2)).roots, target.id);
    expect(forStudent).toMatchObject({ isHidden: true, bodyHtml: null, bodyText: null, hiddenReason: null });
    for (const person of ["studentA1", "instructor"] as const) {
      const node = findNode((await threadFor(person, reading, 2)).roots, target.id);
      expect(node, person).toMatchObject({ isHidden: true, bodyHtml: "<p>Something rude.</p>", hiddenReason: "Be kind." });
    }
  });

  it("[MODERATION] an instructor hides and unhides: the content is back for students", async () => {
    const target = await postOnParagraph("studentA1", reading, 2, "Borderline.");
    await moderate("instructor", target.id, { action: "hide", reason: "Checking." });
    const unhidden = await moderate("instructor", target.id, { action: "unhide" });
    expect(unhidden).toMatchObject({ isHidden: false, hiddenReason: null });
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      hiddenAt: null,
      hiddenById: null,
      hiddenReason: null,
    });
    expect(findNode((await threadFor("studentA2", reading, 2)).roots, target.id)).toMatchObject({
      isHidden: false,
      bodyHtml: "<p>Borderline.</p>",
    });
  });

  it("[MODERATION] hiding needs a reason: the action schema refuses a missing, blank or overlong one", () => {
    expect(moderationActionSchema.safeParse({ action: "hide" }).success).toBe(false);
    expect(moderationActionSchema.safeParse({ action: "hide", reason: "   " }).success).toBe(false);
    expect(moderationActionSchema.safeParse({ action: "hide", reason: "x".repeat(501) }).success).toBe(false);
    expect(moderationActionSchema.safeParse({ action: "delete" }).success).toBe(false);
    expect(moderationActionSchema.safeParse({ action: "hide", reason: " Off topic " }).data).toEqual({
      action: "hide",
      reason: "Off topic",
    });
  });

  it("[MODERATION] only a thread's first post is pinned; pinning a reply is refused", async () => {
    const root = await postOnParagraph("studentA1", reading, 3, "Pin-worthy.");
    const answer = await reply("studentA2", root.id, "A reply.");
    expect(await moderate("ta", root.id, { action: "pin" })).toMatchObject({ isPinned: true });
    expect((await errorOf(moderate("ta", answer.id, { action: "pin" }))).code).toBe("VALIDATION");
    expect(await moderate("instructor", root.id, { action: "unpin" })).toMatchObject({ isPinned: false });
  });

  it("[NOTIFICATIONS] endorsing a post notifies its author once", async () => {
    const target = await postOnParagraph("studentA2", reading, 3, "Endorse me.");
    expect(await moderate("instructor", target.id, { action: "endorse" })).toMatchObject({ isEndorsed: true });
    expect(await notificationsOf(target.id)).toEqual(["studentA2:ENDORSED"]);
    await moderate("instructor", target.id, { action: "unendorse" });
    await moderate("ta", target.id, { action: "endorse" });
    expect(await notificationsOf(target.id)).toEqual(["studentA2:ENDORSED"]);
  });

  it("[MODERATION] only a reply to a question can be marked as its answer, which notifies the reply's author and the asker", async () => {
    const question = await post("studentA1", reading, {
      kind: "COMMENT",
      target: rangeOf(reading, "member states"),
      body: plainBody("Which states?"),
      isQuestion: true,
    });
    const statement = await postOnParagraph("studentA1", reading, 1, "Just a remark.");
    const answer = await reply("studentA2", question.id, "The six of them.");
    const remarkReply = await reply("studentA2", statement.id, "Indeed.");

    expect((await errorOf(moderate("ta", question.id, { action: "mark-answer" }))).code).toBe("VALIDATION");
    expect((await errorOf(moderate("ta", remarkReply.id, { action: "mark-answer" }))).code).toBe("VALIDATION");

    // The density bar's open questions (the reading layers, kept up to date from the event log).
    const openQuestions = async (person: Person) => (await loadWorkspaceFor(users[person].id, reading.id, course.id))!.openQuestions;
    expect(await openQuestions("studentB")).toEqual({ 2: 1 });

    expect(await moderate("ta", answer.id, { action: "mark-answer" })).toMatchObject({ isAnswer: true });
    expect(await notificationsOf(answer.id)).toEqual(["studentA1:QUESTION_ANSWERED", "studentA1:REPLY", "studentA2:ANSWERED"]);
    expect(await openQuestions("studentB")).toEqual({});
    expect(await moderate("ta", answer.id, { action: "unmark-answer" })).toMatchObject({ isAnswer: false });
    expect(await openQuestions("instructor")).toEqual({ 2: 1 });
  });

  it("[VISIBILITY] staff cannot moderate a student's private note: NOT_FOUND, as they cannot see it", async () => {
    const note = await postOnParagraph("studentA1", reading, 1, "Private thoughts.", { visibility: "PRIVATE" });
    for (const person of ["instructor", "ta"] as const) {
      expect((await errorOf(moderate(person, note.id, { action: "hide", reason: "Peek." }))).code, person).toBe("NOT_FOUND");
    }
    expect(await getDb().annotation.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({ hiddenAt: null });
  });
});

describe("listParagraphThread", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("thread");
  });

  it("[THREADS] the roots are the paragraph's posts and the comments that start in it: not highlights, not other paragraphs, not another context", async () => {
    const paragraphPost = await postOnParagraph("studentA1", reading, 2, "On paragraph 2.");
    const comment = await post("studentA2", reading, {
      kind: "COMMENT",
      target: rangeOf(reading, "member states"),
      body: plainBody("On a passage."),
    });
    await post("studentA1", reading, { kind: "HIGHLIGHT", target: rangeOf(reading, "cooperation") });
    const spanning = await post("studentA1", reading, {
      kind: "COMMENT",
      target: { start: rangeOf(reading, "signed it.").start, end: rangeOf(reading, "The second").end },
      body: plainBody("Starts in paragraph 1."),
    });
    await postOnParagraph("studentA1", reading, 3, "On paragraph 3.");
    await post("studentA1", reading, {
      courseId: null,
      kind: "COMMENT",
      target: rangeOf(reading, "plain words"),
      body: plainBody("Personal note."),
    });
    const answer = await reply("studentB", comment.id, "A reply.");

    const thread = await threadFor("studentA1", reading, 2);
    expect(thread.paragraphPosition).toBe(2);
    // Position order: the paragraph post (no range) first, then comments by where they start.
    expect(thread.roots.map((node) => node.id)).toEqual([paragraphPost.id, comment.id]);
    expect(thread.roots.every((node) => node.depth === 0)).toBe(true);
    expect(thread.roots[1]?.replies.map((node) => [node.id, node.depth])).toEqual([[answer.id, 1]]);
    expect(thread.postCount).toBe(3);
    expect(findNode((await threadFor("studentA1", reading, 1)).roots, spanning.id)).toBeDefined();
  });

  it("[THREADS] a paragraph that does not exist is NOT_FOUND; an outsider cannot open the thread", async () => {
    expect((await errorOf(threadFor("studentA1", reading, 99))).code).toBe("NOT_FOUND");
    expect((await errorOf(threadFor("outsider", reading, 1))).code).toBe("NOT_FOUND");
  });

  it(`[THREADS] replies nest up to depth ${MAX_REPLY_DEPTH}; deeper ones sit beside their parent and name whom they answer`, async () => {
    expect(MAX_REPLY_DEPTH).toBe(3);
    const root = await postOnParagraph("studentA1", reading, 1, "Chain start.");
    const chain: AnnotationView[] = [];
    const authors: Person[] = ["studentA2", "studentB", "studentA1", "studentA2", "studentB"];
    let parentId = root.id;
    for (const [index, author] of authors.entries()) {
      const view = await reply(author, parentId, `Level ${index + 1}.`);
      chain.push(view);
      parentId = view.id;
    }
    const node = findNode((await threadFor("studentA3", reading, 1)).roots, root.id)!;
    const nodes = flatten([node]);
    expect(nodes.map((each) => each.id)).toEqual([root.id, ...chain.map((view) => view.id)]);
    expect(nodes.map((each) => each.depth)).toEqual([0, 1, 2, 3, 3, 3]);
    // Levels 3, 4 and 5 are all children of level 2: the indentation stops there.
    const level2 = node.replies[0]?.replies[0];
    expect(level2?.id).toBe(chain[1]?.id);
    expect(level2?.replies.map((each) => each.id)).toEqual([chain[2]?.id, chain[3]?.id, chain[4]?.id]);
    expect(nodes.map((each) => each.parentAuthorName)).toEqual([
      null,
      users.studentA1.name,
      users.studentA2.name,
      users.studentB.name,
      users.studentA1.name,
      users.studentA2.name,
    ]);
  });

  it("[THREADS] pinned roots come first; 'newest' orders by time and 'top' by upvotes", async () => {
    const db = getDb();
    // A reading of its own, so paragraph 3 holds only these posts.
    const reading = await makeReading("thread-sort");
    const old = await postOnParagraph("studentA1", reading, 3, "Oldest.");
    const middle = await postOnParagraph("studentA2", reading, 3, "Middle.");
    const recent = await postOnParagraph("studentB", reading, 3, "Newest.");
    const pinned = await postOnParagraph("studentA3", reading, 3, "Pinned.");
    // Distinct, known times, so the order does not depend on how fast the posts were written.
    const times = [old, middle, recent, pinned].map((view, index) => ({ id: view.id, createdAt: new Date(Date.UTC(2024, 0, 1 + index)) }));
    for (const { id, createdAt } of times) await db.annotation.update({ where: { id }, data: { createdAt } });
    await moderate("instructor", pinned.id, { action: "pin" });
    await upvote("studentA1", middle.id);
    await upvote("studentB", middle.id);
    await upvote("studentA2", old.id);
    // Replies follow the order too.
    const olderReply = await reply("studentA2", old.id, "Older reply.");
    const newerReply = await reply("studentB", old.id, "Newer reply.");
    await db.annotation.update({ where: { id: olderReply.id }, data: { createdAt: new Date(Date.UTC(2024, 1, 1)) } });
    await db.annotation.update({ where: { id: newerReply.id }, data: { createdAt: new Date(Date.UTC(2024, 1, 2)) } });
    await upvote("studentA1", olderReply.id);
    await upvote("studentB", olderReply.id);
    await upvote("studentA1", newerReply.id);

    const ids = (thread: { roots: ThreadNode[] }) => thread.roots.map((node) => node.id);
    const position = await threadFor("studentA1", reading, 3, "position");
    expect(ids(position)).toEqual([pinned.id, old.id, middle.id, recent.id]);
    const newest = await threadFor("studentA1", reading, 3, "newest");
    expect(ids(newest)).toEqual([pinned.id, recent.id, middle.id, old.id]);
    expect(newest.roots[3]?.replies.map((node) => node.id)).toEqual([newerReply.id, olderReply.id]);
    const top = await threadFor("studentA1", reading, 3, "top");
    expect(ids(top)).toEqual([pinned.id, middle.id, old.id, recent.id]);
    expect(top.roots.map((node) => node.upvoteCount)).toEqual([0, 2, 1, 0]);
    expect(top.roots[2]?.replies.map((node) => node.id)).toEqual([olderReply.id, newerReply.id]);
  });

  it("[UPVOTES] hasUpvoted is true exactly on the posts the reader upvoted", async () => {
    const root = await postOnParagraph("studentA1", reading, 1, "Vote here.");
    const answer = await reply("studentB", root.id, "And here.");
    const other = await reply("studentA1", root.id, "Not here.");
    await upvote("studentA2", root.id);
    await upvote("studentA2", answer.id);
    await upvote("studentB", other.id);
    const node = findNode((await threadFor("studentA2", reading, 1)).roots, root.id)!;
    expect(flatten([node]).map((each) => [each.id, each.hasUpvoted])).toEqual([
      [root.id, true],
      [answer.id, true],
      [other.id, false],
    ]);
    const forAuthor = findNode((await threadFor("studentA1", reading, 1)).roots, root.id)!;
    expect(flatten([forAuthor]).every((each) => !each.hasUpvoted)).toBe(true);
  });

  it("[VISIBILITY] another student's private post is absent with its replies; a group thread is absent for another group, present for staff", async () => {
    const note = await postOnParagraph("studentA2", reading, 1, "Private musing.", { visibility: "PRIVATE" });
    const ownReply = await reply("studentA2", note.id, "Answering myself.");
    expect(ownReply.visibility).toBe("PRIVATE");
    const groupRoot = await postOnParagraph("studentA1", reading, 1, "For group A.", { visibility: "GROUP" });
    const groupReply = await reply("studentA2", groupRoot.id, "Group A reply.");

    const idsFor = async (person: Person) => flatten((await threadFor(person, reading, 1)).roots).map((node) => node.id);
    const forA1 = await idsFor("studentA1");
    expect(forA1).not.toContain(note.id);
    expect(forA1).not.toContain(ownReply.id);
    expect(forA1).toEqual(expect.arrayContaining([groupRoot.id, groupReply.id]));
    expect(await idsFor("studentA2")).toEqual(expect.arrayContaining([note.id, ownReply.id]));
    const forB = await idsFor("studentB");
    for (const hidden of [note.id, ownReply.id, groupRoot.id, groupReply.id]) expect(forB).not.toContain(hidden);
    const forInstructor = await idsFor("instructor");
    expect(forInstructor).toEqual(expect.arrayContaining([groupRoot.id, groupReply.id]));
    expect(forInstructor).not.toContain(note.id);
  });

  it("[THREADS] a deleted root with replies stays as a 'deleted' placeholder holding its replies, and is not counted", async () => {
    const root = await postOnParagraph("studentA1", reading, 2, "Regrettable.");
    const answer = await reply("studentA2", root.id, "Still worth keeping.");
    const before = await threadFor("studentB", reading, 2);
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: root.id });
    const after = await threadFor("studentB", reading, 2);
    const node = findNode(after.roots, root.id);
    expect(node).toMatchObject({ isDeleted: true, bodyHtml: null, bodyText: null, author: { id: "", name: "Deleted" }, depth: 0 });
    expect(node?.replies.map((each) => [each.id, each.bodyText])).toEqual([[answer.id, "Still worth keeping."]]);
    expect(after.postCount).toBe(before.postCount - 1);
  });
});

describe("listParagraphThread in pages (#12)", () => {
  // Paragraph 2 of its own reading: 44 course posts at known times (the 40th pinned), one post
  // for group A only, and a first post with 25 replies, some nested. Paragraph 3: three posts.
  let reading: TestReading;
  let courseRoots: AnnotationView[] = [];
  let groupPost: AnnotationView;
  let pinned: AnnotationView;
  let busy: AnnotationView;
  let busyReplies: AnnotationView[] = [];
  const authors: Person[] = ["studentA1", "studentA2", "studentA3", "studentB"];

  beforeAll(async () => {
    const db = getDb();
    reading = await makeReading("paged");
    courseRoots = [];
    for (let index = 0; index < 44; index++) {
      courseRoots.push(await postOnParagraph(authors[index % authors.length]!, reading, 2, `Post ${index + 1}.`));
    }
    groupPost = await postOnParagraph("studentA1", reading, 2, "Group A only.", { visibility: "GROUP" });
    // Distinct times: post n at day n, the group post between posts 20 and 21.
    for (const [index, view] of courseRoots.entries()) {
      await db.annotation.update({ where: { id: view.id }, data: { createdAt: new Date(Date.UTC(2024, 0, 1, index)) } });
    }
    await db.annotation.update({ where: { id: groupPost.id }, data: { createdAt: new Date(Date.UTC(2024, 0, 1, 19, 30)) } });
    pinned = courseRoots[39]!;
    await moderate("instructor", pinned.id, { action: "pin" });
    busy = courseRoots[0]!;
    busyReplies = [];
    for (let index = 0; index < 25; index++) {
      // Every fifth reply answers the reply before it: nesting across reply pages.
      const parentId = index % 5 === 4 ? busyReplies[index - 1]!.id : busy.id;
      busyReplies.push(await reply(authors[(index + 1) % authors.length]!, parentId, `Reply ${index + 1}.`));
    }
    for (let index = 0; index < 3; index++)
      await postOnParagraph("studentA2", reading, 3, `Short ${index + 1}.`).then((view) => reply("studentA3", view.id, "Short reply."));
  });

  // The replies and the pin notified their authors: the notification tests below count theirs alone.
  afterAll(async () => {
    await getDb().notification.deleteMany({ where: { annotation: { readingId: reading.id } } });
  });

  async function pageFor(person: Person, options: { offset?: number; sort?: ThreadSort; focusId?: string; limit?: number } = {}) {
    return listParagraphThread({
      actor: await loadActorContext(users[person].id),
      readingId: reading.id,
      courseId: course.id,
      paragraphPosition: 2,
      ...options,
    });
  }

  /** Every page from the first, by nextOffset. */
  async function allPages(person: Person, sort: ThreadSort) {
    const pages = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = await pageFor(person, { offset, sort });
      pages.push(page);
      offset = page.nextOffset;
    }
    return pages;
  }

  it("[THREADS] roots come 20 a page, pinned first then in the sort's order, each exactly once, until nextOffset is null", async () => {
    const byTime = courseRoots.filter((view) => view.id !== pinned.id).map((view) => view.id);
    for (const [sort, expected] of [
      ["position", [pinned.id, ...byTime]],
      ["newest", [pinned.id, ...byTime.toReversed()]],
    ] as const) {
      const pages = await allPages("studentB", sort);
      expect(pages.map((page) => page.roots.length)).toEqual([20, 20, 4]);
      expect(pages.map((page) => page.nextOffset)).toEqual([20, 40, null]);
      expect(pages.flatMap((page) => page.roots.map((root) => root.id))).toEqual(expected);
    }
    const top = await allPages("studentB", "top");
    expect(top.flatMap((page) => page.roots.map((root) => root.id))).toHaveLength(44);
    expect(top[0]?.roots[0]?.id).toBe(pinned.id);
  });

  it("[THREADS] postCount counts the whole paragraph on every page, with more than one page, for each reader", async () => {
    const forB = await allPages("studentB", "position");
    // 44 course posts and 25 replies; the group post only for group A.
    expect(new Set(forB.map((page) => page.postCount))).toEqual(new Set([44 + 25]));
    const forA1 = await pageFor("studentA1", { offset: 40 });
    expect(forA1.postCount).toBe(44 + 25 + 1);
    await deleteAnnotation({ actorId: users.studentA3.id, annotationId: courseRoots[2]!.id });
    expect((await pageFor("studentB", { offset: 20 })).postCount).toBe(44 + 25 - 1);
  });

  it("[VISIBILITY] the read scope applies on every page: another group's post is on no page for a student of group B", async () => {
    const idsOf = async (person: Person) => (await allPages(person, "position")).flatMap((page) => page.roots.map((root) => root.id));
    const forB = await idsOf("studentB");
    expect(forB).not.toContain(groupPost.id);
    const forA1 = await idsOf("studentA1");
    expect(new Set(forA1)).toEqual(new Set([...forB, groupPost.id]));
    expect(forA1).toHaveLength(forB.length + 1);
  });

  it("[THREADS] a root brings its first 10 replies and how many more; listThreadReplies pages the rest in time order, nesting kept", async () => {
    const first = await pageFor("studentB");
    const root = first.roots.find((node) => node.id === busy.id)!;
    expect(root.moreReplyCount).toBe(15);
    const firstTen = flatten(root.replies).map((node) => node.id);
    expect(new Set(firstTen)).toEqual(new Set(busyReplies.slice(0, 10).map((view) => view.id)));
    expect(first.roots.filter((node) => node.id !== busy.id).every((node) => node.moreReplyCount === 0)).toBe(true);

    const actor = await loadActorContext(users.studentB.id);
    const base = { actor, readingId: reading.id, courseId: course.id, paragraphPosition: 2, rootId: busy.id };
    const next = await listThreadReplies({ ...base, after: busyReplies[9]!.id, limit: 10 });
    expect(next.replies.map((view) => view.id)).toEqual(busyReplies.slice(10, 20).map((view) => view.id));
    expect(next.moreReplyCount).toBe(5);
    const last = await listThreadReplies({ ...base, after: next.replies.at(-1)!.id });
    expect(last.replies.map((view) => view.id)).toEqual(busyReplies.slice(20).map((view) => view.id));
    expect(last.moreReplyCount).toBe(0);
    // Nested as the whole thread would be: reply 15 answers reply 14, loaded in the same later page.
    const [tree] = nestThread([root], [...flatten(root.replies), ...next.replies, ...last.replies], "position");
    const reply15 = findNode(tree!.replies, busyReplies[14]!.id);
    expect(reply15?.depth).toBe(2);
    expect(findNode(tree!.replies, busyReplies[13]!.id)?.replies.map((node) => node.id)).toEqual([busyReplies[14]!.id]);
    expect(flatten(tree!.replies)).toHaveLength(25);
  });

  it("[VISIBILITY] listThreadReplies applies the same scope: another group's thread is NOT_FOUND, an 'after' from another thread is a VALIDATION error", async () => {
    const groupReply = await reply("studentA2", groupPost.id, "Group A reply.");
    const repliesFor = async (person: Person, rootId: string, after?: string) =>
      listThreadReplies({
        actor: await loadActorContext(users[person].id),
        readingId: reading.id,
        courseId: course.id,
        paragraphPosition: 2,
        rootId,
        after,
      });
    expect((await errorOf(repliesFor("studentB", groupPost.id))).code).toBe("NOT_FOUND");
    expect((await errorOf(repliesFor("outsider", busy.id))).code).toBe("NOT_FOUND");
    expect((await repliesFor("studentA1", groupPost.id)).replies.map((view) => view.id)).toEqual([groupReply.id]);
    expect((await errorOf(repliesFor("studentA1", busy.id, groupReply.id))).code).toBe("VALIDATION");
    await deleteAnnotation({ actorId: users.studentA2.id, annotationId: groupReply.id });
  });

  it("[THREADS] a linked post on a later page comes with the first page; a linked reply past the first ten comes with the replies up to it", async () => {
    const late = courseRoots[43]!;
    const linked = await pageFor("studentB", { focusId: late.id });
    expect(linked.roots.map((root) => root.id)).toContain(late.id);
    expect(linked.roots).toHaveLength(21);
    expect(linked.nextOffset).toBe(20);
    const linkedReply = busyReplies[17]!;
    const withReply = await pageFor("studentB", { focusId: linkedReply.id });
    const root = withReply.roots.find((node) => node.id === busy.id)!;
    expect(flatten(root.replies).map((node) => node.id)).toContain(linkedReply.id);
    expect(flatten(root.replies)).toHaveLength(18);
    expect(root.moreReplyCount).toBe(7);
    // A post the reader may not see is not brought by its id.
    const hidden = await pageFor("studentB", { focusId: groupPost.id });
    expect(hidden.roots.map((node) => node.id)).not.toContain(groupPost.id);
  });

  it("[THREADS] bad paging parameters are a VALIDATION error (400) naming the parameter", () => {
    const fieldsOf = (schema: Parameters<typeof parseQuery>[0], query: string) => {
      try {
        parseQuery(schema, new URLSearchParams(query));
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("VALIDATION");
        return Object.keys((error as AppError).fieldErrors ?? {});
      }
      return [];
    };
    expect(fieldsOf(listParagraphThreadEndpoint.query, "offset=-1")).toEqual(["offset"]);
    expect(fieldsOf(listParagraphThreadEndpoint.query, "limit=0")).toEqual(["limit"]);
    expect(fieldsOf(listParagraphThreadEndpoint.query, "limit=201")).toEqual(["limit"]);
    expect(fieldsOf(listParagraphThreadEndpoint.query, "offset=x")).toEqual(["offset"]);
    expect(fieldsOf(listParagraphThreadEndpoint.query, "focus=<script>")).toEqual(["focus"]);
    expect(fieldsOf(listParagraphThreadEndpoint.query, "offset=40&limit=20&sort=top")).toEqual([]);
    expect(fieldsOf(listThreadRepliesEndpoint.query, "")).toEqual(["root"]);
    expect(fieldsOf(listThreadRepliesEndpoint.query, `root=${busy.id}&limit=51`)).toEqual(["limit"]);
    expect(fieldsOf(listThreadRepliesEndpoint.query, `root=${busy.id}&after=${busyReplies[3]!.id}`)).toEqual([]);
  });

  it("[PERFORMANCE] a page of a 45-post paragraph costs the same queries as a page of a 3-post one, and a bounded number", async () => {
    const actor = await loadActorContext(users.studentB.id);
    const load = (paragraphPosition: number) =>
      recordQueries(() => listParagraphThread({ actor, readingId: reading.id, courseId: course.id, paragraphPosition, sort: "top" }));
    const small = await load(3);
    const large = await load(2);
    expect(small.result.roots).toHaveLength(3);
    expect(large.result.roots).toHaveLength(20);
    expect(large.queries.length).toBe(small.queries.length);
    expect(large.queries.length).toBeLessThanOrEqual(16);
    // "top" counts each candidate's reactions, never the whole Reaction table (GROUP BY over it).
    expect(large.queries.filter((query) => /"Reaction"[\s\S]*GROUP BY/.test(query))).toEqual([]);
  });
});

describe("notifications", () => {
  let reading: TestReading;
  let root: AnnotationView;
  let fromA1: AnnotationView;
  let fromB: AnnotationView;
  beforeAll(async () => {
    reading = await makeReading("notifications");
    // studentA3 receives notifications only in this block.
    root = await postOnParagraph("studentA3", reading, 3, "What does the remark mean?");
    fromA1 = await reply("studentA1", root.id, "It sums the statement up.");
    fromB = await reply("studentB", root.id, "It is a polite ending.");
    await moderate("instructor", root.id, { action: "endorse" });
  });

  it("[NOTIFICATIONS] the list is newest first, links to each post in its course, and counts the unread", async () => {
    const { items, unreadCount } = await listNotifications({ actorId: users.studentA3.id });
    expect(unreadCount).toBe(3);
    expect(await countUnreadNotifications({ actorId: users.studentA3.id })).toBe(3);
    const linkTo = (post: AnnotationView) => `/readings/${reading.id}?course=${course.id}#a-${post.id}`;
    expect(items.map(({ type, actorName, excerpt, isRead }) => ({ type, actorName, excerpt, isRead }))).toEqual([
      { type: "ENDORSED", actorName: users.instructor.name, excerpt: "What does the remark mean?", isRead: false },
      { type: "REPLY", actorName: users.studentB.name, excerpt: "It is a polite ending.", isRead: false },
      { type: "REPLY", actorName: users.studentA1.name, excerpt: "It sums the statement up.", isRead: false },
    ]);
    expect(items.map((item) => item.href)).toEqual([linkTo(root), linkTo(fromB), linkTo(fromA1)]);
    for (const item of items) expect(item.readingTitle).toBe(reading.title);
    const times = items.map((item) => Date.parse(item.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("[NOTIFICATIONS] once the post is hidden, a student recipient's notification shows no excerpt", async () => {
    await moderate("ta", fromB.id, { action: "hide", reason: "Not helpful." });
    const { items } = await listNotifications({ actorId: users.studentA3.id });
    expect(items.map((item) => item.excerpt)).toEqual(["What does the remark mean?", null, "It sums the statement up."]);
    await moderate("ta", fromB.id, { action: "unhide" });
  });

  it("[NOTIFICATIONS] marking read touches only the actor's own notifications; with no ids, all of them", async () => {
    const answer = await reply("studentA3", fromA1.id, "Thanks.");
    const othersNotification = await getDb().notification.findFirstOrThrow({
      where: { annotationId: answer.id, userId: users.studentA1.id },
    });
    const { items } = await listNotifications({ actorId: users.studentA3.id });
    const [newest] = items;
    expect(await markNotificationsRead({ actorId: users.studentA3.id, notificationIds: [newest!.id, othersNotification.id] })).toBe(1);
    expect(await getDb().notification.findUniqueOrThrow({ where: { id: othersNotification.id } })).toMatchObject({ readAt: null });
    const afterOne = await listNotifications({ actorId: users.studentA3.id });
    expect(afterOne.unreadCount).toBe(2);
    expect(afterOne.items.map((item) => item.isRead)).toEqual([true, false, false]);

    expect(await markNotificationsRead({ actorId: users.studentA3.id })).toBe(2);
    expect(await countUnreadNotifications({ actorId: users.studentA3.id })).toBe(0);
    expect(await getDb().notification.findUniqueOrThrow({ where: { id: othersNotification.id } })).toMatchObject({ readAt: null });
    expect(await markNotificationsRead({ actorId: users.studentA3.id })).toBe(0);
  });
});

describe("listCourseMembers", () => {
  it("[COURSES] any member sees every member's name and role, for @mentions; an outsider gets NOT_FOUND", async () => {
    const members = await listCourseMembers({ actorId: users.studentB.id, courseId: course.id });
    const memberPeople = PEOPLE.filter((person) => person !== "outsider");
    expect(members.map((member) => member.id).sort()).toEqual(memberPeople.map((person) => users[person].id).sort());
    expect(members.find((member) => member.id === users.ta.id)).toEqual({ id: users.ta.id, name: users.ta.name, role: "TA" });
    expect(members.map((member) => member.name)).toEqual([...members.map((member) => member.name)].sort());
    expect(Object.keys(members[0] ?? {}).sort()).toEqual(["id", "name", "role"]);
    expect((await errorOf(listCourseMembers({ actorId: users.outsider.id, courseId: course.id }))).code).toBe("NOT_FOUND");
  });
});

describe("the event log", () => {
  let reading: TestReading;
  beforeAll(async () => {
    reading = await makeReading("events");
  });

  async function eventsOf(annotationId: string) {
    return getDb().annotationEvent.findMany({
      where: { readingId: reading.id, annotationId },
      orderBy: { id: "asc" },
      select: { id: true, type: true, courseId: true, rootId: true, actorId: true, authorId: true, visibility: true, groupId: true },
    });
  }

  it("[LIVE] every mutation records an event with a snapshot of who could read the post", async () => {
    const root = await postOnParagraph("studentA1", reading, 1, "Logged.", { visibility: "GROUP" });
    // The author's own reply: a thread that others replied to cannot be widened (#13.3).
    const answer = await reply("studentA1", root.id, "Logged too.");
    await upvote("studentA2", root.id);
    await moderate("ta", root.id, { action: "pin" });
    await updateAnnotation({ actorId: users.studentA1.id, annotationId: root.id, input: { visibility: "COURSE" } });
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: answer.id });

    const snapshot = { courseId: course.id, rootId: root.id, authorId: users.studentA1.id };
    expect(await eventsOf(root.id)).toEqual([
      { id: expect.any(BigInt), type: "CREATED", ...snapshot, actorId: users.studentA1.id, visibility: "GROUP", groupId: groupA },
      { id: expect.any(BigInt), type: "REACTED", ...snapshot, actorId: users.studentA2.id, visibility: "GROUP", groupId: groupA },
      { id: expect.any(BigInt), type: "MODERATED", ...snapshot, actorId: users.ta.id, visibility: "GROUP", groupId: groupA },
      { id: expect.any(BigInt), type: "UPDATED", ...snapshot, actorId: users.studentA1.id, visibility: "COURSE", groupId: null },
    ]);
    // The reply followed its root to COURSE before it was deleted; its deletion says so.
    const replySnapshot = { courseId: course.id, rootId: root.id, authorId: users.studentA1.id, actorId: users.studentA1.id };
    expect(await eventsOf(answer.id)).toEqual([
      { id: expect.any(BigInt), type: "CREATED", ...replySnapshot, visibility: "GROUP", groupId: groupA },
      { id: expect.any(BigInt), type: "DELETED", ...replySnapshot, visibility: "COURSE", groupId: null },
    ]);
    const all = await getDb().annotationEvent.findMany({
      where: { readingId: reading.id },
      orderBy: { id: "asc" },
      select: { annotationId: true, type: true },
    });
    expect(all.map((event) => `${event.annotationId === root.id ? "root" : "reply"}:${event.type}`)).toEqual([
      "root:CREATED",
      "reply:CREATED",
      "root:REACTED",
      "root:MODERATED",
      "root:UPDATED",
      "reply:DELETED",
    ]);
  });

  it("[LIVE] narrowing a post from COURSE to PRIVATE records the wider snapshot: COURSE", async () => {
    const view = await postOnParagraph("studentA1", reading, 2, "Soon private.");
    await updateAnnotation({ actorId: users.studentA1.id, annotationId: view.id, input: { visibility: "PRIVATE" } });
    const events = await eventsOf(view.id);
    expect(events.map((event) => [event.type, event.visibility])).toEqual([
      ["CREATED", "COURSE"],
      ["UPDATED", "COURSE"],
    ]);
  });

  it("[LIVE] a refused mutation records no event", async () => {
    const view = await postOnParagraph("studentA1", reading, 3, "Stable.");
    const before = await getDb().annotationEvent.count({ where: { readingId: reading.id } });
    await errorOf(upvote("studentA1", view.id));
    await errorOf(moderate("studentA2", view.id, { action: "pin" }));
    await errorOf(reply("studentB", view.id, ""));
    expect(await getDb().annotationEvent.count({ where: { readingId: reading.id } })).toBe(before);
  });
});
