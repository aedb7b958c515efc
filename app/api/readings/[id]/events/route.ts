import { z } from "zod";
import { AppError } from "@/lib/server/app-error";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { readingIdFrom } from "@/lib/server/readings/reading-route";
import { errorResponse } from "@/lib/server/http";
import { authorizeLiveStream } from "@/lib/server/realtime/authorize-live-stream";
import { getEventBus } from "@/lib/server/realtime/event-bus";
import { openLiveStream } from "@/lib/server/realtime/live-stream";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  course: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  after: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});

/**
 * Server-sent events for one reading and context: new, edited, deleted, reacted and moderated
 * posts, each filtered for this reader by the permission core. Resumes after Last-Event-ID (or
 * ?after= for the first connection, the id the page was rendered at), so nothing is missed.
 * The stream ends at once when the reader's access is revoked (lib/server/realtime/live-stream.ts).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id: userId, credential } = await requireApiActor();
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("VALIDATION", "course or after is not valid.");
    const readingId = readingIdFrom((await params).id);
    const access = { userId, courseId: query.data.course ?? null, credential };
    const actor = await authorizeLiveStream({ access, readingId });
    const resumeHeader = request.headers.get("last-event-id");
    const lastEventId = BigInt(resumeHeader && /^\d{1,19}$/.test(resumeHeader) ? resumeHeader : (query.data.after ?? "0"));

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
  } catch (error) {
    return errorResponse(error);
  }
}
