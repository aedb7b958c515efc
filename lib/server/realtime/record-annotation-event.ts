import "server-only";
import type { AnnotationEventType, Prisma } from "../generated/prisma/client.ts";

export const EVENTS_CHANNEL = "scholia_events";

type EventSubject = {
  id: string;
  readingId: string;
  courseId: string | null;
  rootId: string | null;
  authorId: string;
  visibility: "PRIVATE" | "GROUP" | "COURSE";
  groupId: string | null;
  paragraphId: string;
  assignmentId: string | null;
};

/**
 * Logs a change to an annotation and wakes every app instance, inside the caller's transaction
 * (one statement): PostgreSQL delivers NOTIFY only on commit, so no one hears of a write that did
 * not happen. Writers do not wait for each other: the event's transaction id orders it
 * (event-horizon.ts), and listeners read the log back in batches (event-bus.ts).
 */
export async function recordAnnotationEvent(
  tx: Prisma.TransactionClient,
  { type, annotation, actorId }: { type: AnnotationEventType; annotation: EventSubject; actorId: string },
): Promise<void> {
  await tx.$executeRaw`
    WITH event AS (
      INSERT INTO "AnnotationEvent" ("type", "readingId", "courseId", "annotationId", "rootId", "actorId", "authorId", "visibility", "groupId", "paragraphId", "assignmentId")
      VALUES (${type}::"AnnotationEventType", ${annotation.readingId}, ${annotation.courseId}, ${annotation.id},
              ${annotation.rootId ?? annotation.id}, ${actorId}, ${annotation.authorId}, ${annotation.visibility}::"Visibility", ${annotation.groupId},
              ${annotation.paragraphId}, ${annotation.assignmentId})
      RETURNING "id"
    )
    SELECT pg_notify(${EVENTS_CHANNEL}, "id"::text) FROM event`;
}
