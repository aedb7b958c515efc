import "server-only";
import { getDb } from "../db.ts";

// The origins of registered LMSs, which may show Scholia in an iframe (CSP frame-ancestors, set
// by proxy.ts on every response). Read at most every 30 s per instance; a registration or a
// removal reaches every instance within that. If the database cannot be read, the last list
// read stays (at first: none, so nothing may frame Scholia).
const REFRESH_MS = 30_000;
let cached: { origins: string[]; readAt: number } = { origins: [], readAt: 0 };
let pending: Promise<string[]> | null = null;

export async function listFrameOrigins(): Promise<string[]> {
  if (Date.now() - cached.readAt < REFRESH_MS) return cached.origins;
  pending ??= getDb()
    .ltiPlatform.findMany({ select: { frameOrigins: true } })
    .then((platforms) => {
      const origins = [...new Set(platforms.flatMap((platform) => platform.frameOrigins))].sort();
      cached = { origins, readAt: Date.now() };
      return origins;
    })
    .catch(() => {
      cached = { ...cached, readAt: Date.now() - REFRESH_MS + 5_000 };
      return cached.origins;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** After a registration changes, this instance uses the new list at once (others within 30 s). */
export function forgetFrameOrigins(): void {
  cached = { origins: cached.origins, readAt: 0 };
}
