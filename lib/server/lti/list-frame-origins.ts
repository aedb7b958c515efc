import "server-only";
import { getDb } from "../db.ts";

// The origins of registered LMSs, which may show Scholia in an iframe (CSP frame-ancestors, set
// by proxy.ts on every response). Read at most every 30 s per instance; a registration or a
// removal reaches every instance within that. If the database cannot be read, the last list
// read stays (at first: none, so nothing may frame Scholia).
const REFRESH_MS = 30_000;

// Kept on globalThis: Next bundles proxy.ts apart from the routes and actions, so a module-level
// variable would be two caches in one process, and a registration would not reach the proxy's.
type FrameOriginsCache = { origins: string[]; readAt: number; pending: Promise<string[]> | null };
const shared = globalThis as unknown as { scholiaFrameOrigins?: FrameOriginsCache };
const cache = (shared.scholiaFrameOrigins ??= { origins: [], readAt: 0, pending: null });

export async function listFrameOrigins(): Promise<string[]> {
  if (Date.now() - cache.readAt < REFRESH_MS) return cache.origins;
  cache.pending ??= getDb()
    .ltiPlatform.findMany({ select: { frameOrigins: true } })
    .then((platforms) => {
      cache.origins = [...new Set(platforms.flatMap((platform) => platform.frameOrigins))].sort();
      cache.readAt = Date.now();
      return cache.origins;
    })
    .catch(() => {
      cache.readAt = Date.now() - REFRESH_MS + 5_000;
      return cache.origins;
    })
    .finally(() => {
      cache.pending = null;
    });
  return cache.pending;
}

/** After a registration changes, this instance uses the new list at once (others within 30 s). */
export function forgetFrameOrigins(): void {
  cache.readAt = 0;
}
