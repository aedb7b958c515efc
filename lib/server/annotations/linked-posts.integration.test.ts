import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { LINKED_POST_UNAVAILABLE, loadLinkedPost } from "./load-linked-post.ts";

// A post's permanent link (`/readings/:id?course=…#a-<id>`) as the page resolves it: the post as
// the reader may see it, reply or not, or one refusal that is the same for a post that does not
// exist, one out of the reader's sight, one in another context and one behind a post-first gate.

let fx: CourseFixture;
const ids: Record<string, string> = {};

beforeAll(async () => {
  fx = await createCourseFixture("links");
  const post = async (person: Person, visibility: "PRIVATE" | "GROUP" | "COURSE", paragraph: number, text: string) =>
    (await fx.post(person, { kind: "PARAGRAPH_POST", target: { paragraph }, body: plainBody(text), visibility })).id;
  ids.course = await post("studentA1", "COURSE", 2, "A course post");
  ids.group = await post("studentA1", "GROUP", 2, "A group post");
  ids.private = await post("studentA1", "PRIVATE", 2, "A private note");
  ids.reply = (await fx.reply("studentA2", ids.course, "A reply to the course post")).id;
  ids.note = (await fx.post("studentA1", { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("Mine") })).id;
});

afterAll(async () => {
  await fx?.cleanUp();
  await disconnectDb();
});

async function linked(person: Person, annotationId: string, courseId: string | null = fx.courseId) {
  return loadLinkedPost({ actor: await fx.actor(person), readingId: fx.reading.id, courseId, annotationId });
}

async function refusal(person: Person, annotationId: string, courseId: string | null = fx.courseId): Promise<unknown> {
  try {
    await linked(person, annotationId, courseId);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${person} was shown ${annotationId}`);
}

const UNAVAILABLE = { code: "NOT_FOUND", message: LINKED_POST_UNAVAILABLE };

describe("loadLinkedPost", () => {
  it("[LINKS] a link opens a post the reader may see, with where it sits", async () => {
    const view = await linked("studentB", ids.course!);
    expect(view).toMatchObject({ id: ids.course, parentId: null, paragraphPosition: 2, courseId: fx.courseId });
    expect(view.bodyText).toBe("A course post");
  });

  it("[LINKS] a link to a reply names its thread, so the page can open the discussion it sits in", async () => {
    const view = await linked("studentB", ids.reply!);
    expect(view).toMatchObject({ id: ids.reply, parentId: ids.course, rootId: ids.course, paragraphPosition: 2, kind: "REPLY" });
  });

  it("[VISIBILITY] a link to a post out of the reader's sight is refused as one that does not exist", async () => {
    expect(await refusal("studentB", ids.group!)).toEqual(UNAVAILABLE);
    expect(await refusal("studentA2", ids.private!)).toEqual(UNAVAILABLE);
    expect(await refusal("instructor", ids.private!)).toEqual(UNAVAILABLE);
    expect(await refusal("studentB", "cmnotapostatall0000000000")).toEqual(UNAVAILABLE);
    // Its group and its author still open it.
    expect((await linked("studentA2", ids.group!)).id).toBe(ids.group);
    expect((await linked("instructor", ids.group!)).id).toBe(ids.group);
    expect((await linked("studentA1", ids.private!)).id).toBe(ids.private);
  });

  it("[VISIBILITY] a link only opens a post in its own context: a personal note is not reachable through the course", async () => {
    expect(await refusal("studentA1", ids.note!, fx.courseId)).toEqual(UNAVAILABLE);
    expect(await refusal("studentA1", ids.course!, null)).toEqual(UNAVAILABLE);
    expect((await linked("studentA1", ids.note!, null)).id).toBe(ids.note);
  });

  it("[VISIBILITY] someone outside the course learns nothing: the course answers not found", async () => {
    const error = await refusal("outsider", ids.course!);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
    expect(error).toEqual(await refusal("outsider", "cmnotapostatall0000000000"));
  });

  it("[POST-FIRST] a link to a post on a paragraph the student has not posted on yet is refused until they post there", async () => {
    await getDb().assignment.updateMany({ where: { courseId: fx.courseId, readingId: fx.reading.id }, data: { postFirst: true } });
    try {
      expect(await refusal("studentB", ids.course!)).toEqual(UNAVAILABLE);
      expect(await refusal("studentB", ids.reply!)).toEqual(UNAVAILABLE);
      await fx.post("studentB", {
        kind: "PARAGRAPH_POST",
        target: { paragraph: 2 },
        body: plainBody("My own first"),
        visibility: "COURSE",
      });
      expect((await linked("studentB", ids.reply!)).id).toBe(ids.reply);
    } finally {
      await getDb().assignment.updateMany({ where: { courseId: fx.courseId, readingId: fx.reading.id }, data: { postFirst: false } });
    }
  });
});
