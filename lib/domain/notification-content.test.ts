import { describe, expect, it } from "vitest";
import { decideNotificationExcerpt, notificationPath } from "./notification-content.ts";
import type { ActorContext, AnnotationFacts } from "./permissions.ts";

const student: ActorContext = {
  userId: "s1",
  memberships: [{ courseId: "c1", role: "STUDENT", groupId: "g1" }],
  postFirstGates: [{ assignmentId: "a1", unlockedParagraphIds: ["p-unlocked"] }],
};
const instructor: ActorContext = { userId: "t1", memberships: [{ courseId: "c1", role: "INSTRUCTOR", groupId: null }] };
const post = (overrides: Partial<AnnotationFacts> = {}): AnnotationFacts & { bodyText: string } => ({
  authorId: "s2",
  courseId: "c1",
  groupId: null,
  visibility: "COURSE",
  hiddenAt: null,
  deletedAt: null,
  assignmentId: "a1",
  paragraphId: "p-unlocked",
  bodyText: "What the post says",
  ...overrides,
});

describe("decideNotificationExcerpt", () => {
  it("[VISIBILITY] a readable post gives its text, shortened", () => {
    expect(decideNotificationExcerpt(student, post())).toEqual({ kind: "text", text: "What the post says" });
    expect(decideNotificationExcerpt(student, post({ bodyText: "x".repeat(500) } as never), 10)).toEqual({
      kind: "text",
      text: "x".repeat(10),
    });
  });

  it("[POST FIRST] a post on a paragraph the student has not unlocked gives no text; staff are not gated", () => {
    expect(decideNotificationExcerpt(student, post({ paragraphId: "p-locked" }))).toEqual({ kind: "locked" });
    expect(decideNotificationExcerpt(instructor, post({ paragraphId: "p-locked" })).kind).toBe("text");
  });

  it("[VISIBILITY] a hidden post gives no text to a classmate, but does to staff and its author", () => {
    const hidden = post({ hiddenAt: new Date() });
    expect(decideNotificationExcerpt(student, hidden)).toEqual({ kind: "hidden" });
    expect(decideNotificationExcerpt(instructor, hidden).kind).toBe("text");
    expect(decideNotificationExcerpt({ ...student, userId: "s2" }, hidden).kind).toBe("text");
  });

  it("[VISIBILITY] a deleted post, or one the reader can no longer see, gives nothing", () => {
    expect(decideNotificationExcerpt(student, post({ deletedAt: new Date() }))).toEqual({ kind: "deleted" });
    expect(decideNotificationExcerpt(student, post({ visibility: "PRIVATE" }))).toEqual({ kind: "unreadable" });
    expect(decideNotificationExcerpt(student, post({ visibility: "GROUP", groupId: "g2" }))).toEqual({ kind: "unreadable" });
    expect(decideNotificationExcerpt({ userId: "s1", memberships: [] }, post())).toEqual({ kind: "unreadable" });
  });
});

describe("notificationPath", () => {
  it("sends the reader to the post itself, or to the paragraph to post on while it is locked", () => {
    const where = { id: "a1", readingId: "r1", courseId: "c1", paragraphPosition: 4 };
    expect(notificationPath(where, { kind: "text" })).toBe("/readings/r1?course=c1#a-a1");
    expect(notificationPath(where, { kind: "hidden" })).toBe("/readings/r1?course=c1#a-a1");
    expect(notificationPath(where, { kind: "locked" })).toBe("/readings/r1?course=c1#p-4");
  });
});
