import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAnnotation } from "../annotations/update-annotation.ts";
import { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";

// An assignment that does not accept late posts, past its due date: the write path refuses a
// student's new post, reply and edit (a placeholder posted in time cannot be filled in later),
// while highlights and the staff's own writing go on.

let fixture: CourseFixture;

async function refusal(write: () => Promise<unknown>): Promise<AppError> {
  const error = await write().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  fixture = await createCourseFixture("late");
});

afterAll(async () => {
  await fixture?.cleanUp();
  await disconnectDb();
});

describe("late posts refused", () => {
  it("[LATE] past the due date a student cannot post, reply or edit; highlights and staff writing go on", async () => {
    const assignment = await getDb().assignment.findFirstOrThrow({ where: { courseId: fixture.courseId, readingId: fixture.reading.id } });
    await getDb().assignment.update({
      where: { id: assignment.id },
      data: { acceptsLatePosts: false, dueAt: new Date(Date.now() + 60 * 60_000) },
    });
    const inTime = await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("Placeholder") });
    const staffPost = await fixture.post("instructor", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("Staff") });
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: inTime.id }, select: { assignmentId: true } })).assignmentId).toBe(
      assignment.id,
    );
    await getDb().assignment.update({ where: { id: assignment.id }, data: { dueAt: new Date(Date.now() - 60_000) } });

    const post = await refusal(() =>
      fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("Too late") }),
    );
    expect(post.code).toBe("FORBIDDEN");
    expect(post.message).toMatch(/does not accept late posts, so this was not posted/);
    expect((await refusal(() => fixture.reply("studentA2", staffPost.id, "Late reply"))).code).toBe("FORBIDDEN");
    const edit = await refusal(() =>
      updateAnnotation({ actorId: fixture.users.studentA1.id, annotationId: inTime.id, input: { body: plainBody("Filled in later") } }),
    );
    expect(edit.code).toBe("FORBIDDEN");
    expect(edit.message).toMatch(/so this post can no longer be changed/);
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: inTime.id }, select: { bodyText: true, editedAt: true } });
    expect(stored).toEqual({ bodyText: "Placeholder", editedAt: null });

    const highlight = await fixture.post("studentA1", {
      kind: "HIGHLIGHT",
      target: fixture.rangeOf("cooperation between the member states"),
    });
    expect(highlight.kind).toBe("HIGHLIGHT");
    const staffEdit = await updateAnnotation({
      actorId: fixture.users.instructor.id,
      annotationId: staffPost.id,
      input: { body: plainBody("Staff, edited") },
    });
    expect(staffEdit.editedAt).not.toBeNull();
  });
});
