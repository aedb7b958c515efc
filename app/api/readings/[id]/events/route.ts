import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { loadAnnotationContext } from "@/lib/server/annotations/load-annotation-context";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { getEventBus } from "@/lib/server/realtime/event-bus";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const params = z.object({ id: idSchema("Reading not found.") });
const query = z.object({
  course: idSchema("course is a course id.").optional(),
  after: z
    .string()
    .regex(/^\d{1,19}$/, "after is an event id.")
    .optional(),
});

const HEARTBEAT_MS = 20_000;
const ACTOR_REFRESH_MS = 30_000;

/**
 * Server-sent events for one reading and context: new, edited, deleted, reacted and moderated
 * posts, each filtered for this reader by the permission core. Resumes after Last-Event-ID (or
 * ?after= for the first connection, the id the page was rendered at), so nothing is missed.
 */
export const GET = route({ params, query }, async ({ request, params, query, actor: { id: actorId } }) => {
  const readingId = params.id;
  const courseId = query.course ?? null;
  const actor = await loadActorContext(actorId);
  await loadAnnotationContext(actor, readingId, courseId);
  const resumeHeader = request.headers.get("last-event-id");
  const lastEventId = BigInt(resumeHeader && /^\d{1,19}$/.test(resumeHeader) ? resumeHeader : (query.after ?? "0"));

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let isOpen = true;
      const send = (chunk: string) => {
        if (!isOpen) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          isOpen = false;
        }
      };
      send("retry: 2000\n\n");
      const subscriber = { readingId, courseId, actor, lastEventId, send };
      const unsubscribe = await getEventBus().subscribe(subscriber);
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      // Memberships change (a student moves group, leaves): re-read them now and then.
      const refresh = setInterval(() => {
        loadActorContext(actorId)
          .then((fresh) => {
            subscriber.actor = fresh;
          })
          .catch(() => undefined);
      }, ACTOR_REFRESH_MS);
      cleanup = () => {
        if (!isOpen) return;
        isOpen = false;
        clearInterval(heartbeat);
        clearInterval(refresh);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
