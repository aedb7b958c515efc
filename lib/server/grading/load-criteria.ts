import "server-only";
import type { Criterion } from "../../domain/grading.ts";
import { orderCriteria, toCriterion, toCustomCriterion } from "../../domain/rubric.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** The columns of a stored criterion that the grader and the rubric page read. */
export const CRITERION_COLUMNS = {
  id: true,
  kind: true,
  threshold: true,
  followsAssignmentMinimum: true,
  points: true,
  position: true,
  name: true,
  description: true,
} as const;

/**
 * The rubric of an assignment as the grader evaluates it: the automatic criteria in the kinds'
 * order (a minimum-posts criterion that follows the assignment at its minimum now), then the
 * instructor's own. Callers check access.
 */
export async function loadCriteria(assignmentId: string): Promise<Criterion[]> {
  const assignment = await getDb().assignment.findUnique({
    where: { id: assignmentId },
    select: {
      minPosts: true,
      criteria: {
        select: CRITERION_COLUMNS,
      },
    },
  });
  return assignment ? toGraderCriteria(assignment) : [];
}

/** An assignment's stored criteria (selected with CRITERION_COLUMNS) as loadCriteria gives them. */
export function toGraderCriteria(assignment: {
  minPosts: number;
  criteria: readonly Prisma.RubricCriterionGetPayload<{ select: typeof CRITERION_COLUMNS }>[];
}): Criterion[] {
  const positions = new Map<Criterion, number>();
  const criteria = assignment.criteria.map((row) => {
    const criterion: Criterion =
      row.kind === "CUSTOM"
        ? toCustomCriterion(row)
        : toCriterion(
            { kind: row.kind, threshold: row.threshold, points: row.points, followsAssignmentMinimum: row.followsAssignmentMinimum },
            assignment.minPosts,
          );
    positions.set(criterion, row.position);
    return criterion;
  });
  return orderCriteria(criteria, (criterion) => positions.get(criterion) ?? 0);
}
