import "server-only";
import { createRemoteJWKSet } from "jose";

// One remote key set per platform JWKS URL, kept for the life of the process: jose caches the
// keys, refetches when a token names a key id it has not seen (a platform's rotation) and at most
// every 30 s, and bounds each fetch with a timeout.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export function platformKeySet(jwksUrl: string): ReturnType<typeof createRemoteJWKSet> {
  let keySet = keySets.get(jwksUrl);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    if (keySets.size > 200) keySets.clear();
    keySets.set(jwksUrl, keySet);
  }
  return keySet;
}
