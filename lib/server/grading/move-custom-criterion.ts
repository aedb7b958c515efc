import "server-only";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";
import { requireCustomCriterion } from "./require-custom-criterion.ts";

/**
 * Moves an instructor's own criterion one place up or down among the custom criteria (the order
 * of the grades page, the student's breakdown and the CSV). At either end it stays. Instructors and TAs.
 */
export async function moveCustomCriterion({
  actorId,
  courseId,
  assignmentId,
  criterionId,
  direction,
}: AssignmentActorRef & { criterionId: string; direction: "up" | "down" }): Promise<{ name: string; position: number; count: number }> {
  await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Assignment" WHERE "id" = ${assignmentId} FOR UPDATE`;
    const criterion = await requireCustomCriterion(tx, assignmentId, criterionId);
    const order = await tx.rubricCriterion.findMany({
      where: { assignmentId, kind: "CUSTOM" },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const ids = order.map((row) => row.id);
    const from = ids.indexOf(criterionId);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to >= 0 && to < ids.length) [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    // Positions renumbered 0..n-1, so ties left by concurrent additions are settled too.
    for (const [position, id] of ids.entries()) await tx.rubricCriterion.update({ where: { id }, data: { position } });
    return { name: criterion.name, position: ids.indexOf(criterionId) + 1, count: ids.length };
  });
}
