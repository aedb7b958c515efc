import "server-only";
import type { Criterion } from "../../domain/grading.ts";
import { toCriterion } from "../../domain/rubric.ts";
import { getDb } from "../db.ts";

/** The rubric of an assignment, in its order, as the grader evaluates it. Callers check access. */
export async function loadCriteria(assignmentId: string): Promise<Criterion[]> {
  const rows = await getDb().rubricCriterion.findMany({
    where: { assignmentId },
    orderBy: [{ position: "asc" }, { kind: "asc" }],
    select: { kind: true, threshold: true, points: true },
  });
  return rows.map((row) => toCriterion({ kind: row.kind, threshold: row.threshold, points: row.points }));
}
