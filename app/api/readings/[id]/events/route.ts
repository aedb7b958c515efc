import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { authorizeLiveStream } from "@/lib/server/realtime/authorize-live-stream";
import { getEventBus } from "@/lib/server/realtime/event-bus";
import { openLiveStream } from "@/lib/server/realtime/live-stream";
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

/**
 * Server-sent events for one reading and context: new, edited, deleted, reacted and moderated
 * posts, each filtered for this reader by the permission core. Resumes after Last-Event-ID (or
 * ?after= for the first connection, the id the page was rendered at), so nothing is missed.
 * The stream ends at once when the reader's access is revoked (lib/server/realtime/live-stream.ts).
 */
export const GET = route({ params, query }, async ({ request, params, query, actor: { id: userId, credential } }) => {
  const readingId = params.id;
  const access = { userId, courseId: query.course ?? null, credential };
  const actor = await authorizeLiveStream({ access, readingId });
  const resumeHeader = request.headers.get("last-event-id");
  const lastEventId = BigInt(resumeHeader && /^\d{1,19}$/.test(resumeHeader) ? resumeHeader : (query.after ?? "0"));

  const stream = openLiveStream({
    bus: getEventBus(),
    readingId,
    access,
    actor,
    lastEventId,
    signal: request.signal,
    reauthorize: () => authorizeLiveStream({ access, readingId }),
  });
  return new Response(stream.body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
