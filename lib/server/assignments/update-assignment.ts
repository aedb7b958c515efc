import "server-only";
import { AppError } from "../app-error.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import type { AssignmentInput } from "./assignment-input.ts";
import type { AssignmentActorRef } from "./load-assignment-for-staff.ts";
import { assignmentColumns, requireCourseGroups, resolveAssignedRange } from "./assignment-rules.ts";

/**
 * Changes an assignment's title, instructions, dates, minimum, post-first option, audience and pages.
 * The reading stays: posts belong to it. Students keep every post whatever changes.
 */
export async function updateAssignment({
  actorId,
  courseId,
  assignmentId,
  input,
}: AssignmentActorRef & { input: AssignmentInput }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await requireCourseRole({ actorId, courseId, permission: "manageAssignments" }, tx);
    const existing = await tx.assignment.findFirst({ where: { id: assignmentId, courseId }, select: { id: true, readingId: true } });
    if (!existing) throw new AppError("NOT_FOUND", "This assignment no longer exists.");
    await requireCourseGroups(tx, courseId, input.groupIds);
    const range = await resolveAssignedRange(tx, existing.readingId, input.range);
    await tx.assignmentGroup.deleteMany({ where: { assignmentId } });
    await tx.assignment.update({
      where: { id: assignmentId },
      data: {
        ...assignmentColumns(input, range),
      },
    });
  });
}
