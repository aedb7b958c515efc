import "server-only";
import { CUSTOM_CRITERION_LIMITS, type CustomCriterionInput } from "../../domain/rubric.ts";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";

/**
 * Adds an instructor's own criterion at the end of the assignment's custom criteria. Instructors
 * and TAs (the `assess` permission, as the rest of the rubric); refused in an archived course.
 */
export async function addCustomCriterion({
  actorId,
  courseId,
  assignmentId,
  input,
}: AssignmentActorRef & { input: CustomCriterionInput }): Promise<{ id: string }> {
  await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  return getDb().$transaction(async (tx) => {
    // One writer at a time per assignment, so the cap and the next position hold.
    await tx.$queryRaw`SELECT "id" FROM "Assignment" WHERE "id" = ${assignmentId} FOR UPDATE`;
    const existing = await tx.rubricCriterion.aggregate({
      where: { assignmentId, kind: "CUSTOM" },
      _count: true,
      _max: { position: true },
    });
    if (existing._count >= CUSTOM_CRITERION_LIMITS.perAssignment) {
      throw new AppError("CONFLICT", `An assignment can have at most ${CUSTOM_CRITERION_LIMITS.perAssignment} criteria of your own.`);
    }
    return tx.rubricCriterion.create({
      data: {
        assignmentId,
        kind: "CUSTOM",
        name: input.name,
        description: input.description,
        points: input.points,
        position: (existing._max.position ?? -1) + 1,
      },
      select: { id: true },
    });
  });
}
