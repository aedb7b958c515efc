import "server-only";
import { getDb } from "../db.ts";

/** Marks the actor's notifications read: the given ones, or all. Never touches anyone else's. */
export async function markNotificationsRead({
  actorId,
  notificationIds,
}: {
  actorId: string;
  notificationIds?: string[];
}): Promise<number> {
  const result = await getDb().notification.updateMany({
    where: { userId: actorId, readAt: null, ...(notificationIds ? { id: { in: notificationIds } } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}
