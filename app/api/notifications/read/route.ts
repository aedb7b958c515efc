import { z } from "zod";
import { ID_PATTERN } from "@/lib/domain/ids";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { route } from "@/lib/server/route";

// Strict: without ids means "all", so a misspelt key ({"id": [...]}) must not read as "all".
const bodySchema = z.strictObject({
  ids: z.array(z.string().regex(ID_PATTERN, "ids are notification ids.")).max(500).optional(),
});

/** Marks notifications read: { ids } or, without ids, all of them. */
export const POST = route({ body: bodySchema }, async ({ body, actor }) => ({
  marked: await markNotificationsRead({ actorId: actor.id, notificationIds: body.ids }),
}));
