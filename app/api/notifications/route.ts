import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse } from "@/lib/server/http";
import { listNotifications } from "@/lib/server/notifications/list-notifications";

export async function GET() {
  try {
    const actor = await requireApiActor();
    return Response.json(await listNotifications({ actorId: actor.id }), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
