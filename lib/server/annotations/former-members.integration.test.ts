import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_A_MEMBER_MESSAGE } from "../../domain/permissions.ts";
import { leaveCourse } from "../courses/leave-course.ts";
import { disconnectDb, getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { createAnnotation } from "./create-annotation.ts";
import { createReply } from "./create-reply.ts";
import { createWebAnnotation } from "./create-web-annotation.ts";
import { deleteAnnotation } from "./delete-annotation.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import { listParagraphThread } from "./list-paragraph-thread.ts";
import { readWebAnnotationBody } from "./read-web-annotation-body.ts";
import { replaceWebAnnotation } from "./replace-web-annotation.ts";
import { toggleUpvote } from "./toggle-upvote.ts";
import { updateAnnotation } from "./update-annotation.ts";

// Issue #14.5 and #14.13: writes on course content need current membership; what the API
// answers tells nothing of a reading one may not open, nor who wrote a deleted post.

let fixture: CourseFixture;

beforeAll(async () => {
  fixture = await createCourseFixture("former");
});

afterAll(async () => {
  await fixture.cleanUp();
  await disconnectDb();
});

const removeFromCourse = async (userId: string) => {
  await getDb().membership.deleteMany({ where: { userId, courseId: fixture.courseId } });
};

describe("former members", () => {
  it("[MEMBERSHIP] a removed student can no longer edit, replace, delete or reply to their course post; classmates keep seeing it as it was", async () => {
    const post = await fixture.post("studentNoGroup", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Before removal"),
    });
    const othersPost = await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("A classmate"),
    });
    await toggleUpvote({ actorId: fixture.users.studentNoGroup.id, annotationId: othersPost.id });
    await removeFromCourse(fixture.users.studentNoGroup.id);
    const actorId = fixture.users.studentNoGroup.id;

    const refused = { code: "FORBIDDEN", message: NOT_A_MEMBER_MESSAGE };
    await expect(
      updateAnnotation({ actorId, annotationId: post.id, input: { body: plainBody("Changed after removal") } }),
    ).rejects.toMatchObject(refused);
    const draft = readWebAnnotationBody({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      motivation: "commenting",
      body: { type: "TextualBody", value: "Replaced after removal", format: "text/plain" },
      target: `/readings/${fixture.reading.id}#p-1`,
    });
    await expect(replaceWebAnnotation({ actorId, annotationId: post.id, draft })).rejects.toMatchObject(refused);
    await expect(deleteAnnotation({ actorId, annotationId: post.id })).rejects.toMatchObject(refused);
    await expect(createReply({ actorId, parentId: post.id, body: plainBody("Replying after removal") })).rejects.toMatchObject(refused);
    // Reacting on a classmate's post: they cannot even see it any more.
    await expect(toggleUpvote({ actorId, annotationId: othersPost.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const seenByClassmate = await loadReadableAnnotationRow(await fixture.actor("studentA1"), post.id);
    expect(seenByClassmate.bodyText).toBe("Before removal");
    expect(seenByClassmate.deletedAt).toBeNull();
    expect(await getDb().annotation.count({ where: { parentId: post.id } })).toBe(0);
    // They still read what they wrote, and the page says they cannot change it.
    const ownView = await loadReadableAnnotationRow(await loadActorContext(actorId), post.id);
    expect(ownView.bodyText).toBe("Before removal");
  });

  it("[MEMBERSHIP] someone who left the course keeps full control of their personal notes on the same reading", async () => {
    const note = await fixture.post("ta", { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("My note") });
    await leaveCourse({ actorId: fixture.users.ta.id, courseId: fixture.courseId });
    const edited = await updateAnnotation({
      actorId: fixture.users.ta.id,
      annotationId: note.id,
      input: { body: plainBody("Still mine") },
    });
    expect(edited.bodyText).toBe("Still mine");
    expect(edited.canEdit).toBe(true);
    await deleteAnnotation({ actorId: fixture.users.ta.id, annotationId: note.id });
  });
});

describe("small leaks", () => {
  it("[LEAK] a reply to a deleted post does not name the deleted post's author", async () => {
    const parent = await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("To be deleted") });
    const reply = await fixture.reply("studentA2", parent.id, "A reply that stays");
    const deeper = await fixture.reply("instructor", reply.id, "A reply to the reply");
    await deleteAnnotation({ actorId: fixture.users.studentA1.id, annotationId: parent.id });

    const thread = await listParagraphThread({
      actor: await fixture.actor("studentB"),
      readingId: fixture.reading.id,
      courseId: fixture.courseId,
      paragraphPosition: 3,
    });
    const root = thread.roots.find((node) => node.id === parent.id)!;
    expect(root.isDeleted).toBe(true);
    expect(root.author.name).toBe("Deleted");
    const replyNode = root.replies.find((node) => node.id === reply.id)!;
    expect(replyNode.parentAuthorName).toBe("Deleted");
    expect(JSON.stringify(thread)).not.toContain(fixture.users.studentA1.name);
    // A live parent is still named.
    expect(replyNode.replies.find((node) => node.id === deeper.id)?.parentAuthorName).toBe(fixture.users.studentA2.name);
  });

  it("[LEAK] posting to a private reading in one's course answers word for word as for a reading that does not exist", async () => {
    const owner = fixture.users.instructor.id;
    const privateReading = await getDb().reading.create({
      data: { slug: `${fixture.prefix}-private`, title: "Private", canonicalText: "Secret words here.", createdById: owner },
    });
    await getDb().paragraph.create({
      data: { readingId: privateReading.id, position: 1, key: "k1", text: "Secret words here.", startOffset: 0 },
    });
    try {
      const attempt = (readingId: string, courseId: string | null) =>
        createAnnotation({
          actorId: fixture.users.studentB.id,
          input: {
            readingId,
            courseId,
            kind: "PARAGRAPH_POST",
            target: { paragraph: 1 },
            body: plainBody("probe"),
            tags: [],
            mentionedUserIds: [],
          },
        }).catch((error: unknown) => error);
      const webAttempt = (readingId: string, exact: string) =>
        createWebAnnotation({
          actorId: fixture.users.studentB.id,
          readingId,
          courseId: fixture.courseId,
          draft: readWebAnnotationBody({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            type: "Annotation",
            motivation: "highlighting",
            target: { source: `/readings/${readingId}`, selector: { type: "TextQuoteSelector", exact } },
          }),
        }).catch((error: unknown) => error);
      const answers = [
        await attempt(privateReading.id, fixture.courseId),
        await attempt("does-not-exist", fixture.courseId),
        await attempt(privateReading.id, null),
        await attempt("does-not-exist", null),
        // A quote that occurs in the private text and one that does not: no oracle for its words.
        await webAttempt(privateReading.id, "Secret words"),
        await webAttempt(privateReading.id, "not in it at all"),
        await webAttempt("does-not-exist", "Secret words"),
      ].map((error) => ({ code: (error as { code?: string }).code, message: (error as Error).message }));
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      expect(answers[0]).toEqual({ code: "NOT_FOUND", message: "Reading not found." });
      // A course the prober is not in: the same for both readings too.
      const elsewhere = [privateReading.id, "does-not-exist"].map((readingId) =>
        createAnnotation({
          actorId: fixture.users.studentB.id,
          input: {
            readingId,
            courseId: fixture.otherCourseId,
            kind: "PARAGRAPH_POST",
            target: { paragraph: 1 },
            body: plainBody("probe"),
            tags: [],
            mentionedUserIds: [],
          },
        }).catch((error: unknown) => (error as Error).message),
      );
      const [first, second] = await Promise.all(elsewhere);
      expect(first).toBe(second);
    } finally {
      await getDb().reading.delete({ where: { id: privateReading.id } });
    }
  });
});
