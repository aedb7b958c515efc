import "server-only";
import { AppError } from "../app-error.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import type { AssignmentActorRef } from "./load-assignment-for-staff.ts";

/**
 * Unassigns: the assignment (its rubric and grade overrides) goes; the posts stay in the course,
 * readable as before, because Annotation.assignmentId is set to null rather than cascading.
 */
export async function deleteAssignment({ actorId, courseId, assignmentId }: AssignmentActorRef): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await requireCourseRole({ actorId, courseId, permission: "manageAssignments" }, tx);
    const { count } = await tx.assignment.deleteMany({ where: { id: assignmentId, courseId } });
    if (count === 0) throw new AppError("NOT_FOUND", "This assignment no longer exists.");
  });
}
