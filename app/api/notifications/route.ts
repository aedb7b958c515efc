import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { route } from "@/lib/server/route";

export const GET = route({}, ({ actor }) => listNotifications({ actorId: actor.id }));
