import "server-only";
import { Prisma, type AnnotationEventType } from "../generated/prisma/client.ts";

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

/** The event's INSERT … RETURNING "id", for a WITH clause. */
function eventInsert({ type, annotation, actorId }: { type: AnnotationEventType; annotation: EventSubject; actorId: string }): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "AnnotationEvent" ("type", "readingId", "courseId", "annotationId", "rootId", "actorId", "authorId", "visibility", "groupId", "paragraphId", "assignmentId")
    VALUES (${type}::"AnnotationEventType", ${annotation.readingId}, ${annotation.courseId}, ${annotation.id},
            ${annotation.rootId ?? annotation.id}, ${actorId}, ${annotation.authorId}, ${annotation.visibility}::"Visibility", ${annotation.groupId},
            ${annotation.paragraphId}, ${annotation.assignmentId})
    RETURNING "id"`;
}

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
    WITH event AS (${eventInsert({ type, annotation, actorId })})
    SELECT pg_notify(${EVENTS_CHANNEL}, "id"::text) FROM event`;
}

/**
 * recordAnnotationEvent for a new annotation placed on the reading's text, in the same statement
 * (one round trip fewer): also answers whether the text is still `version`. The caller holds the
 * text's lock (reading-text-lock.ts) from an earlier statement, so this statement's snapshot shows
 * the version as it stays until commit; on false it must roll back (throw), which also takes back
 * the event and its NOTIFY.
 */
export async function recordAnnotationEventAtVersion(
  tx: Prisma.TransactionClient,
  { annotation, actorId, version }: { annotation: EventSubject; actorId: string; version: number },
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ version: number | null }[]>`
    WITH event AS (${eventInsert({ type: "CREATED", annotation, actorId })})
    SELECT pg_notify(${EVENTS_CHANNEL}, event."id"::text)::text AS "notified",
           (SELECT r."version" FROM "Reading" r WHERE r."id" = ${annotation.readingId}) AS "version"
    FROM event`;
  return rows[0]?.version === version;
}
