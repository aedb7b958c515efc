import { z } from "zod";
import { parseLivePosition, type LivePosition } from "@/lib/domain/live-position";
import { AppError } from "@/lib/server/app-error";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { readingIdFrom } from "@/lib/server/readings/reading-route";
import { errorResponse } from "@/lib/server/http";
import { authorizeLiveStream } from "@/lib/server/realtime/authorize-live-stream";
import { getDb } from "@/lib/server/db";
import { readLiveStart } from "@/lib/server/realtime/event-horizon";
import { getEventBus } from "@/lib/server/realtime/event-bus";
import { openLiveStream } from "@/lib/server/realtime/live-stream";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  course: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  after: z.string().max(40).optional(),
});

/**
 * Server-sent events for one reading and context: new, edited, deleted, reacted and moderated
 * posts, each filtered for this reader by the permission core. Resumes after Last-Event-ID (or
 * ?after= for the first connection, the position the page was rendered at), so nothing is missed;
 * with neither, it starts from now.
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
    // The browser resends the last id it was sent when it reconnects; one it kept from an older
    // version of the app is ignored rather than refused.
    const after = parseLivePosition(request.headers.get("last-event-id")) ?? (await startingPoint(query.data.after));

    const stream = openLiveStream({
      bus: getEventBus(),
      readingId,
      access,
      actor,
      after,
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

/** Where a first connection starts: the page's position (?after=), or now. */
async function startingPoint(after: string | undefined): Promise<LivePosition> {
  if (after === undefined) return readLiveStart(getDb());
  const position = parseLivePosition(after);
  if (!position) throw new AppError("VALIDATION", "after is not a position of the live channel (<txid>-<id>).");
  return position;
}
