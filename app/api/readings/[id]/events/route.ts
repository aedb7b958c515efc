import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { isBeyondLiveRange, parseLivePosition, type LivePosition } from "@/lib/domain/live-position";
import { AppError } from "@/lib/server/app-error";
import { getDb } from "@/lib/server/db";
import { authorizeLiveStream } from "@/lib/server/realtime/authorize-live-stream";
import { getEventBus } from "@/lib/server/realtime/event-bus";
import { readLiveStart } from "@/lib/server/realtime/event-horizon";
import { openLiveStream } from "@/lib/server/realtime/live-stream";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const POSITION_MESSAGE = "after is not a position of the live channel (<txid>-<id>, each at most 9223372036854775807).";

const params = z.object({ id: idSchema("Reading not found.") });
const query = z.object({
  course: idSchema("course is a course id.").optional(),
  after: z
    .string()
    .refine((value) => parseLivePosition(value) !== null, POSITION_MESSAGE)
    .optional(),
});

/**
 * Server-sent events for one reading and context: new, edited, deleted, reacted and moderated
 * posts, each filtered for this reader by the permission core. Resumes after Last-Event-ID (or
 * ?after= for the first connection, the position the page was rendered at), so nothing is missed;
 * with neither, it starts from now.
 * The stream ends at once when the reader's access is revoked (lib/server/realtime/live-stream.ts).
 */
export const GET = route({ params, query }, async ({ request, params, query, actor: { id: userId, credential } }) => {
  const readingId = params.id;
  const access = { userId, courseId: query.course ?? null, credential };
  const actor = await authorizeLiveStream({ access, readingId });
  // The browser resends the last id it was sent when it reconnects; one it kept from an older
  // version of the app is ignored rather than refused, but a number no event can have is refused.
  const resumeHeader = request.headers.get("last-event-id");
  if (isBeyondLiveRange(resumeHeader)) throw new AppError("VALIDATION", `Last-Event-ID: ${POSITION_MESSAGE.replace(/^after /, "")}`);
  const after = parseLivePosition(resumeHeader) ?? (await startingPoint(query.after));

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
});

/** Where a first connection starts: the page's position (?after=), or now. */
async function startingPoint(after: string | undefined): Promise<LivePosition> {
  return after === undefined ? readLiveStart(getDb()) : parseLivePosition(after)!;
}
