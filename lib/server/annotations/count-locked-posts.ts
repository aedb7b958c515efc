import "server-only";
import { DISCUSSION_KINDS } from "../../domain/discussion.ts";
import { findPostFirstGate, type ActorContext, type ReadingScope } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";

/**
 * Where a post-first assignment still closes a reading's paragraphs to the actor (issue #13.4):
 * the paragraphs they have opened, and per paragraph not opened yet, how many posts wait there —
 * the classmates' posts they will see (by visibility) once they post on it, counted as the
 * discussion counts (lib/domain/discussion.ts). Null when nothing is closed to the actor there
 * (staff, no post-first assignment, personal notes). One query.
 */
export async function countLockedPosts({
  actor,
  readingId,
  courseId,
  assignmentId,
  paragraphId,
}: ReadingScope & {
  assignmentId: string | null;
  /** Only this paragraph (a thread); all of the reading's otherwise. */
  paragraphId?: string;
}): Promise<{ unlockedParagraphIds: readonly string[]; lockedPostCounts: Record<string, number> } | null> {
  const gate = courseId === null ? undefined : findPostFirstGate(actor, assignmentId);
  if (!gate) return null;
  if (paragraphId !== undefined && gate.unlockedParagraphIds.includes(paragraphId)) {
    return { unlockedParagraphIds: gate.unlockedParagraphIds, lockedPostCounts: {} };
  }
  const withoutGates: ActorContext = { ...actor, postFirstGates: [] };
  const counts = await getDb().annotation.groupBy({
    by: ["paragraphId"],
    where: {
      AND: [
        annotationReadScope(withoutGates),
        {
          readingId,
          courseId,
          assignmentId: gate.assignmentId,
          authorId: { not: actor.userId },
          kind: { in: [...DISCUSSION_KINDS] },
          deletedAt: null,
          paragraphId: paragraphId ?? { notIn: [...gate.unlockedParagraphIds] },
        },
      ],
    },
    _count: { _all: true },
  });
  return {
    unlockedParagraphIds: gate.unlockedParagraphIds,
    lockedPostCounts: Object.fromEntries(counts.map((count) => [count.paragraphId, count._count._all])),
  };
}
