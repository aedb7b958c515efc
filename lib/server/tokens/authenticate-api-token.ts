import "server-only";
import { isApiTokenShape } from "../../domain/api-token.ts";
import type { Actor } from "../auth/get-actor.ts";
import { getDb } from "../db.ts";
import { hashApiToken } from "./api-token-secret.ts";

/** lastUsedAt is a hint for the settings page, not an audit log: one write a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The user a bearer token belongs to (with the token's id), or null for an unknown, malformed or revoked token. The
 * lookup is by the secret's SHA-256 (unique index), so no secret is ever compared in clear.
 */
export async function authenticateApiToken(secret: string, now: Date = new Date()): Promise<(Actor & { tokenId: string }) | null> {
  if (!isApiTokenShape(secret)) return null;
  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(secret) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!token || token.revokedAt !== null) return null;
  if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests of one client write once between them.
    await db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { ...token.user, sessionId: null, tokenId: token.id };
}
