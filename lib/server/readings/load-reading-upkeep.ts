import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { canEditReading, coursesToAssignIn } from "../../domain/reading-access.ts";
import { getDb } from "../db.ts";
import { listOrphanedAnnotations, type OrphanedAnnotation } from "./list-orphaned-annotations.ts";

export type ReadingUpkeep = {
  /** The creator may edit the text (a new version). */
  canEdit: boolean;
  version: number;
  /** Courses the actor teaches, where they may assign this reading. */
  assignIn: { courseId: string; title: string; isAssigned: boolean }[];
  orphans: { items: OrphanedAnnotation[]; total: number };
};

/**
 * Around a reading the actor may already open (the page has checked): whether they may edit its
 * text, where they may assign it, and the annotations that lost their place, for the reading page.
 */
export async function loadReadingUpkeep({
  actor,
  reading,
}: {
  /** The actor's context, loaded once per request by the caller (the page shares it). */
  actor: ActorContext;
  reading: { id: string; isPublic: boolean; createdById: string | null; version: number };
}): Promise<ReadingUpkeep> {
  const canEdit = canEditReading(actor, reading);
  const teaching = coursesToAssignIn(actor);
  const [courses, orphans] = await Promise.all([
    // Assigning is offered for one's own readings; the shared library is assigned from the course.
    canEdit && teaching.length > 0
      ? getDb().course.findMany({
          where: { id: { in: teaching } },
          orderBy: [{ createdAt: "desc" }, { id: "asc" }],
          select: { id: true, title: true, assignments: { where: { readingId: reading.id }, select: { id: true }, take: 1 } },
        })
      : Promise.resolve([]),
    listOrphanedAnnotations({ actor, readingId: reading.id }),
  ]);
  return {
    canEdit,
    version: reading.version,
    assignIn: courses.map((course) => ({ courseId: course.id, title: course.title, isAssigned: course.assignments.length > 0 })),
    orphans,
  };
}
