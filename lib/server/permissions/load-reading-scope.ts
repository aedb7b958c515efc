import "server-only";
import type { ReadingScope } from "../../domain/permissions.ts";
import { loadActorContext } from "./annotation-scope.ts";

/**
 * The scope a request under /api/readings/[id] reads in: the actor's context, the reading, and the
 * context `?course=` names (none: the actor's own notes).
 */
export async function loadReadingScope({
  actorId,
  readingId,
  courseId,
}: {
  actorId: string;
  readingId: string;
  courseId: string | undefined;
}): Promise<ReadingScope> {
  return { actor: await loadActorContext(actorId), readingId, courseId: courseId ?? null };
}
