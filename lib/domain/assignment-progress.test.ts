import { describe, expect, it } from "vitest";
import {
  assessAssignmentProgress,
  CLOSED_NOTE,
  describeDuration,
  describePostCount,
  isLatePostRefused,
  PAST_DUE_NOTE,
} from "./assignment-progress.ts";

const now = new Date("2026-11-28T12:00:00Z");
const base = { opensAt: null, dueAt: new Date("2026-11-30T12:00:00Z"), minPosts: 3, posts: 0, postsOnTime: 0, now };

describe("assessAssignmentProgress", () => {
  it("[PROGRESS] no posts before the due date: not started, with the time left", () => {
    expect(assessAssignmentProgress(base)).toMatchObject({
      status: "NOT_STARTED",
      counted: 0,
      required: 3,
      timeNote: "2 days left",
      isOpen: true,
    });
  });

  it("[PROGRESS] some posts, fewer than the minimum: in progress", () => {
    expect(assessAssignmentProgress({ ...base, posts: 2, postsOnTime: 2 })).toMatchObject({ status: "IN_PROGRESS", counted: 2 });
  });

  it("[PROGRESS] the minimum reached by the due date: complete, even after the due date", () => {
    expect(assessAssignmentProgress({ ...base, posts: 3, postsOnTime: 3 }).status).toBe("COMPLETE");
    expect(assessAssignmentProgress({ ...base, posts: 4, postsOnTime: 3, now: new Date("2026-12-05T00:00:00Z") }).status).toBe("COMPLETE");
  });

  it("[PROGRESS] past the due date without the minimum on time: late, even if caught up afterwards", () => {
    const after = new Date("2026-12-01T00:00:00Z");
    expect(assessAssignmentProgress({ ...base, now: after })).toMatchObject({ status: "LATE", timeNote: PAST_DUE_NOTE });
    expect(assessAssignmentProgress({ ...base, posts: 5, postsOnTime: 1, now: after })).toMatchObject({
      status: "LATE",
      counted: 3,
      late: 4,
    });
    expect(assessAssignmentProgress({ ...base, acceptsLatePosts: false, now: after }).timeNote).toBe(CLOSED_NOTE);
  });

  it('[PROGRESS] late work counts: a post after the due date reads "1 of 2 posts (1 late)", not "0 of 2"', () => {
    const after = new Date("2026-12-01T00:00:00Z");
    const progress = assessAssignmentProgress({ ...base, minPosts: 2, posts: 1, postsOnTime: 0, now: after });
    expect(progress).toMatchObject({ status: "LATE", counted: 1, late: 1 });
    expect(describePostCount(progress)).toBe("1 of 2 posts (1 late)");
    expect(describePostCount(assessAssignmentProgress({ ...base, minPosts: 1, posts: 1, postsOnTime: 1 }))).toBe("1 of 1 post");
  });

  it("[PROGRESS] a late post is refused only past the due date of an assignment that refuses them, and never for staff", () => {
    const dueAt = base.dueAt;
    const after = new Date(dueAt.getTime() + 1);
    expect(isLatePostRefused({ dueAt, acceptsLatePosts: false, isStaff: false, now: after })).toBe(true);
    expect(isLatePostRefused({ dueAt, acceptsLatePosts: false, isStaff: false, now: dueAt })).toBe(false);
    expect(isLatePostRefused({ dueAt, acceptsLatePosts: true, isStaff: false, now: after })).toBe(false);
    expect(isLatePostRefused({ dueAt, acceptsLatePosts: false, isStaff: true, now: after })).toBe(false);
    expect(isLatePostRefused({ dueAt: null, acceptsLatePosts: false, isStaff: false, now: after })).toBe(false);
  });

  it("[PROGRESS] exactly at the due date is still on time", () => {
    const atDue = { ...base, now: base.dueAt };
    expect(assessAssignmentProgress(atDue)).toMatchObject({ status: "NOT_STARTED", timeNote: "Less than a minute left" });
  });

  it("[PROGRESS] without a minimum, one post completes it; without a due date, never late", () => {
    expect(assessAssignmentProgress({ ...base, minPosts: 0, posts: 1, postsOnTime: 1 })).toMatchObject({ status: "COMPLETE", required: 1 });
    expect(assessAssignmentProgress({ ...base, dueAt: null, now: new Date("2030-01-01T00:00:00Z") })).toMatchObject({
      status: "NOT_STARTED",
      timeNote: null,
    });
  });

  it("[PROGRESS] an assignment that has not opened says when it opens", () => {
    expect(assessAssignmentProgress({ ...base, opensAt: new Date("2026-11-28T15:00:00Z") })).toMatchObject({
      isOpen: false,
      timeNote: "Opens in 3 hours",
    });
  });
});

describe("describeDuration", () => {
  it.each([
    [30_000, "less than a minute"],
    [60_000, "1 minute"],
    [59 * 60_000, "59 minutes"],
    [2 * 3_600_000, "2 hours"],
    [25 * 3_600_000, "1 day"],
  ])("%i ms reads %j", (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
