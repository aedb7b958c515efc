import "server-only";
import type { Credential } from "../../domain/live-access.ts";
import { getDb } from "../db.ts";

/**
 * Whether a credential checked earlier still authenticates its user now: the account exists and,
 * for a personal API token, the token belongs to it and is not revoked. Long-lived requests (the
 * live channel) ask this again and again; an ordinary request authenticates afresh each time.
 */
export async function isCredentialCurrent(userId: string, credential: Credential): Promise<boolean> {
  const db = getDb();
  if (credential.kind === "token") {
    const token = await db.apiToken.findFirst({ where: { id: credential.tokenId, userId, revokedAt: null }, select: { id: true } });
    return token !== null;
  }
  // A session is a signed cookie: what can end it early is the account going away (and, once
  // sessions are recorded, the session being ended: check that here).
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  return user !== null;
}
