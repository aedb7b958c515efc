import { z } from "zod";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse, parseJsonBody } from "@/lib/server/http";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

// Strict: without ids means "all", so a misspelt key ({"id": [...]}) must not read as "all".
const bodySchema = z.strictObject({
  ids: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/))
    .max(500)
    .optional(),
});

/** Marks notifications read: { ids } or, without ids, all of them. */
export async function POST(request: Request) {
  try {
    const actor = await requireApiActor();
    const { ids } = await parseJsonBody(request, bodySchema);
    return Response.json({ marked: await markNotificationsRead({ actorId: actor.id, notificationIds: ids }) });
  } catch (error) {
    return errorResponse(error);
  }
}
