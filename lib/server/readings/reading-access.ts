import "server-only";
import { READING_READ_RULE } from "../../domain/reading-access.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

// Every read of a reading — its page, the library list, and every /api/readings/[id]/** route
// (through loadAnnotationContext) — is limited by readingReadScope, READING_READ_RULE from
// lib/domain turned into a Prisma `where`. canReadReading states the same rule for one reading
// in hand; the integration test checks that the two agree.

/** The readings the actor may open (null actor: signed out, public readings only). */
export function readingReadScope(actor: ActorContext | null): Prisma.ReadingWhereInput {
  const clauses: Prisma.ReadingWhereInput[] = [];
  for (const way of READING_READ_RULE) {
    switch (way) {
      case "public":
        clauses.push({ isPublic: true });
        break;
      case "creator":
        if (actor) clauses.push({ createdById: actor.userId });
        break;
      case "assigned-in-member-course":
        if (actor && actor.memberships.length > 0) {
          clauses.push({ assignments: { some: { courseId: { in: actor.memberships.map((membership) => membership.courseId) } } } });
        }
        break;
    }
  }
  return { OR: clauses };
}

/** The one "not found" of a reading: the same for a missing reading and one the actor may not
 *  open, so the answer never reveals that a private reading exists. */
export function readingNotFound(): AppError {
  return new AppError("NOT_FOUND", "Reading not found.");
}

/** Throws readingNotFound() unless the reading exists and the actor may open it. */
export async function assertReadingReadable(actor: ActorContext | null, readingId: string): Promise<void> {
  const found = await getDb().reading.findFirst({ where: { AND: [{ id: readingId }, readingReadScope(actor)] }, select: { id: true } });
  if (!found) throw readingNotFound();
}
