import { describe, expect, it } from "vitest";
import type { ActorContext } from "./permissions";
import { canCreateReading, canEditReading, canReadReading, coursesToAssignIn } from "./reading-access";

const creator: ActorContext = { userId: "creator", memberships: [{ courseId: "c1", role: "INSTRUCTOR", groupId: null }] };
const student: ActorContext = { userId: "student", memberships: [{ courseId: "c1", role: "STUDENT", groupId: "g1" }] };
const outsider: ActorContext = { userId: "outsider", memberships: [{ courseId: "c2", role: "INSTRUCTOR", groupId: null }] };
const own = { isPublic: false, createdById: "creator", assignedCourseIds: [] as string[] };

describe("reading access", () => {
  it("[READING ACCESS] a public reading is open to everyone, signed out included", () => {
    const library = { isPublic: true, createdById: null, assignedCourseIds: [] };
    for (const actor of [null, creator, student, outsider]) expect(canReadReading(actor, library)).toBe(true);
  });

  it("[READING ACCESS] an instructor's own reading is open to its creator only until it is assigned", () => {
    expect(canReadReading(creator, own)).toBe(true);
    expect(canReadReading(student, own)).toBe(false);
    expect(canReadReading(outsider, own)).toBe(false);
    expect(canReadReading(null, own)).toBe(false);
  });

  it("[READING ACCESS] assigned in a course, it is open to that course's members and no one else", () => {
    const assigned = { ...own, assignedCourseIds: ["c1"] };
    expect(canReadReading(student, assigned)).toBe(true);
    expect(canReadReading(outsider, assigned)).toBe(false);
  });

  it("[READING ACCESS] only the creator edits the text; the public library has no editor", () => {
    expect(canEditReading(creator, own)).toBe(true);
    expect(canEditReading(student, { ...own })).toBe(false);
    expect(canEditReading(creator, { isPublic: true, createdById: "creator" })).toBe(false);
    expect(canEditReading(null, own)).toBe(false);
  });

  it("[READING ACCESS] anyone who teaches a course may add readings and assign in the courses they teach", () => {
    expect(canCreateReading(creator)).toBe(true);
    expect(canCreateReading(student)).toBe(false);
    expect(canCreateReading(null)).toBe(false);
    const ta: ActorContext = { userId: "ta", memberships: [{ courseId: "c1", role: "TA", groupId: null }] };
    expect(canCreateReading(ta)).toBe(false);
    expect(
      coursesToAssignIn({
        userId: "x",
        memberships: [...creator.memberships, ...student.memberships.map((m) => ({ ...m, courseId: "c9" }))],
      }),
    ).toEqual(["c1"]);
  });
});
