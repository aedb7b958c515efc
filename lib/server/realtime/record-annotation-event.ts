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
};

/**
 * Logs a change to an annotation and wakes every app instance, inside the caller's transaction:
 * PostgreSQL delivers NOTIFY only on commit, so no one hears of a write that did not happen.
 * The payload is just the event id; listeners read the event back (see event-bus.ts).
 */
export async function recordAnnotationEvent(
  tx: Prisma.TransactionClient,
  { type, annotation, actorId }: { type: AnnotationEventType; annotation: EventSubject; actorId: string },
): Promise<void> {
  // Ids must commit in the order they are taken: a subscriber skips ids at or below the last one it
  // was sent, so an event committed after a higher-numbered one would never reach it live. This
  // lock, per reading and context (what a subscriber follows), is held from here to commit, so the
  // next writer takes its id only after this one has committed. Callers record the event last.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`annotation-events:${annotation.readingId}:${annotation.courseId ?? ""}`}, 0))`;
  const event = await tx.annotationEvent.create({
    data: {
      type,
      readingId: annotation.readingId,
      courseId: annotation.courseId,
      annotationId: annotation.id,
      rootId: annotation.rootId ?? annotation.id,
      actorId,
      authorId: annotation.authorId,
      visibility: annotation.visibility,
      groupId: annotation.groupId,
    },
    select: { id: true },
  });
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${event.id.toString()})`;
}
