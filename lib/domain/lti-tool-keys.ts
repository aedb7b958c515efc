// Which of Scholia's own LTI signing keys signs and which are published (IMS Security Framework
// 1.0 §6: a tool publishes its keys at a JWKS URL and rotates them). A rotation makes the next
// key *before* it is used: it is published at once and signs from `activatesAt`, so a platform
// that caches the key set has it before the first token it signs arrives. The key it replaces
// stops signing at that moment (its `retiredAt`) and stays published for a grace period, so
// tokens signed just before still verify. Pure: lib/server/lti stores the keys.

export type ToolKeyTimes = { id: string; activatesAt: Date; retiredAt: Date | null };

/** How long a retired key stays in the key set. */
export const RETIRED_KEY_GRACE_MS = 7 * 24 * 60 * 60_000;
/** How long a new key is published before it signs: platforms cache key sets (Canvas ~1 h). */
export const DEFAULT_KEY_PUBLISH_LEAD_MS = 60 * 60_000;

/** The key that signs now: the most recently activated one that is active and not retired. */
export function signingToolKey<Key extends ToolKeyTimes>(keys: readonly Key[], now: Date): Key | null {
  let best: Key | null = null;
  for (const key of keys) {
    if (key.activatesAt > now) continue;
    if (key.retiredAt !== null && key.retiredAt <= now) continue;
    if (!best || key.activatesAt > best.activatesAt) best = key;
  }
  return best;
}

/** The keys in the published key set: upcoming, signing, and retired within the grace period. */
export function publishedToolKeys<Key extends ToolKeyTimes>(keys: readonly Key[], now: Date, graceMs = RETIRED_KEY_GRACE_MS): Key[] {
  return keys
    .filter((key) => key.retiredAt === null || key.retiredAt.getTime() > now.getTime() - graceMs)
    .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime());
}

export type ToolKeyState = "upcoming" | "signing" | "retired" | "withdrawn";

/** What a key is now, for the operator's page. */
export function toolKeyState(key: ToolKeyTimes, signingId: string | null, now: Date, graceMs = RETIRED_KEY_GRACE_MS): ToolKeyState {
  if (key.activatesAt > now) return "upcoming";
  if (key.id === signingId) return "signing";
  if (key.retiredAt !== null && key.retiredAt.getTime() <= now.getTime() - graceMs) return "withdrawn";
  return "retired";
}

/**
 * A rotation at `now`: when the new key starts signing, and which keys retire then. The keys that
 * would still sign at that moment (the current one, and an upcoming one a previous rotation
 * made) stop when the new one starts, so exactly one key signs at any time.
 */
export function planToolKeyRotation(
  keys: readonly ToolKeyTimes[],
  now: Date,
  leadMs = DEFAULT_KEY_PUBLISH_LEAD_MS,
): { activatesAt: Date; retireIds: string[] } {
  const hasSigningKey = signingToolKey(keys, now) !== null;
  // The very first key has nothing to replace: it signs at once.
  const activatesAt = hasSigningKey ? new Date(now.getTime() + leadMs) : now;
  const retireIds = keys.filter((key) => key.retiredAt === null || key.retiredAt > activatesAt).map((key) => key.id);
  return { activatesAt, retireIds };
}
