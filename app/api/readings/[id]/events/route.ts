import { z } from "zod";
import { EVENT_ID_MESSAGE, parseEventId } from "@/lib/domain/event-cursor";
import { AppError } from "@/lib/server/app-error";
import { loadAnnotationContext } from "@/lib/server/annotations/load-annotation-context";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { readingIdFrom } from "@/lib/server/readings/reading-route";
import { errorResponse } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { getEventBus } from "@/lib/server/realtime/event-bus";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  course: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "a course id")
    .optional(),
  after: z
    .string()
    .refine((value) => parseEventId(value) !== null, EVENT_ID_MESSAGE)
    .optional(),
});

const HEARTBEAT_MS = 20_000;
const ACTOR_REFRESH_MS = 30_000;

/**
 * Server-sent events for one reading and context: new, edited, deleted, reacted and moderated
 * posts, each filtered for this reader by the permission core. Resumes after Last-Event-ID (or
 * ?after= for the first connection, the id the page was rendered at), so nothing is missed.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actorId = (await requireApiActor()).id;
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success)
      throw new AppError("VALIDATION", query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join(" "));
    const readingId = readingIdFrom((await params).id);
    const courseId = query.data.course ?? null;
    const actor = await loadActorContext(actorId);
    await loadAnnotationContext(actor, readingId, courseId);
    const resumeHeader = request.headers.get("last-event-id");
    // A Last-Event-ID that is not an id at all is ignored (the ?after= of the page stands); one
    // beyond the bigint range is refused like a bad ?after=.
    const resumeId = resumeHeader && /^\d+$/.test(resumeHeader) ? parseEventId(resumeHeader) : undefined;
    if (resumeId === null) throw new AppError("VALIDATION", `Last-Event-ID: ${EVENT_ID_MESSAGE}`);
    const lastEventId = resumeId ?? parseEventId(query.data.after ?? "0") ?? 0n;

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
  } catch (error) {
    return errorResponse(error);
  }
}
