import "server-only";
import type { Credential } from "../../domain/live-access.ts";
import { getDb } from "../db.ts";
import { findSessionActor } from "../sessions/find-session-actor.ts";

/**
 * Whether a credential checked earlier still authenticates its user now: the session is live (the
 * same check as every request's, findSessionActor), or the personal API token belongs to the user
 * and is not revoked. Long-lived requests (the
 * live channel) ask this again and again; an ordinary request authenticates afresh each time.
 */
export async function isCredentialCurrent(userId: string, credential: Credential): Promise<boolean> {
  const db = getDb();
  if (credential.kind === "token") {
    const token = await db.apiToken.findFirst({ where: { id: credential.tokenId, userId, revokedAt: null }, select: { id: true } });
    return token !== null;
  }
  return (await findSessionActor({ userId, sessionId: credential.sessionId })) !== null;
}
