import "server-only";
import { cache } from "react";
import { getActor, type Actor } from "./auth/get-actor.ts";
import { isDatabaseUnavailable } from "./database-errors.ts";
import { getDb } from "./db.ts";
import { countUnreadNotifications } from "./notifications/count-unread-notifications.ts";

export type SiteHeader = { actor: Actor | null; unread: number; isDatabaseDown: boolean };

/**
 * What the root layout shows on every page: who is signed in and their unread count. When the
 * database is away (restarting, failing over) the layout renders a "temporarily unavailable"
 * notice in place of the page instead of failing as a whole; any other error still throws.
 * Signed out, the session needs no database, so a one-row ping stands in for the lookup: the
 * page below reads the database anyway, and would otherwise fail with a bare 500.
 * Once per request: the layout and its generateMetadata must agree on whether the database is down.
 */
export const loadSiteHeader = cache(async (): Promise<SiteHeader> => {
  try {
    const actor = await getActor();
    if (!actor) {
      await getDb().$queryRaw`SELECT 1`;
      return { actor, unread: 0, isDatabaseDown: false };
    }
    const unread = await countUnreadNotifications({ actorId: actor.id });
    return { actor, unread, isDatabaseDown: false };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { actor: null, unread: 0, isDatabaseDown: true };
  }
});
