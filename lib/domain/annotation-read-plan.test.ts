import { describe, expect, it } from "vitest";
import { planAnnotationRead } from "./annotation-read-plan";

describe("planAnnotationRead", () => {
  it("[VISIBILITY] without memberships only the author's own annotations are planned", () => {
    const plan = planAnnotationRead({ userId: "u", memberships: [] });
    expect(plan).toEqual({ authorId: "u", coursesReadInFull: new Map(), ownGroups: [] });
  });

  it("[VISIBILITY] staff read GROUP posts of the whole course; a student only their group's; none without a group; PRIVATE never", () => {
    const plan = planAnnotationRead({
      userId: "u",
      memberships: [
        { courseId: "c-staff", role: "TA", groupId: null },
        { courseId: "c-student", role: "STUDENT", groupId: "g-1" },
        { courseId: "c-groupless", role: "STUDENT", groupId: null },
      ],
    });
    expect(Object.fromEntries(plan.coursesReadInFull)).toEqual({ COURSE: ["c-staff", "c-student", "c-groupless"], GROUP: ["c-staff"] });
    expect(plan.ownGroups).toEqual([{ visibility: "GROUP", courseId: "c-student", groupId: "g-1" }]);
  });
});
