import "server-only";
import { getDb } from "../db.ts";

export async function countUnreadNotifications({ actorId }: { actorId: string }): Promise<number> {
  return getDb().notification.count({ where: { userId: actorId, readAt: null } });
}
