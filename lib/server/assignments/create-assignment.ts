import "server-only";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import type { AssignmentInput } from "./assignment-input.ts";
import { assignmentColumns, requireAssignableReading, requireCourseGroups, resolveAssignedRange } from "./assignment-rules.ts";

/** An instructor assigns a reading to their course (whole class, or some of its groups). */
export async function createAssignment({
  actorId,
  courseId,
  readingId,
  input,
}: {
  actorId: string;
  courseId: string;
  readingId: string;
  input: AssignmentInput;
}): Promise<{ id: string }> {
  return getDb().$transaction(async (tx) => {
    await requireCourseRole({ actorId, courseId, permission: "manageAssignments" }, tx);
    await requireAssignableReading(tx, actorId, readingId);
    await requireCourseGroups(tx, courseId, input.groupIds);
    const range = await resolveAssignedRange(tx, readingId, input.range);
    return tx.assignment.create({
      data: {
        courseId,
        readingId,
        ...assignmentColumns(input, range),
        createdById: actorId,
      },
      select: { id: true },
    });
  });
}
