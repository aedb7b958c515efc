import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { AppError } from "../app-error.ts";
import type { getDb } from "../db.ts";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

/** A custom criterion of this assignment, or NOT_FOUND (an id of another assignment or an automatic kind names nothing here). */
export async function requireCustomCriterion(
  db: Db,
  assignmentId: string,
  criterionId: string,
): Promise<{ id: string; name: string; points: number }> {
  const row = await db.rubricCriterion.findFirst({
    where: { id: criterionId, assignmentId, kind: "CUSTOM" },
    select: { id: true, name: true, points: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "That criterion is no longer in this rubric. Reload the page.");
  return { id: row.id, name: row.name ?? "", points: row.points };
}
