import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { parseBearerToken } from "../../domain/api-token.ts";
import type { Credential } from "../../domain/live-access.ts";
import { AppError } from "../app-error.ts";
import { findSessionActor } from "../sessions/find-session-actor.ts";
import { authenticateApiTokenWithinLimit } from "../tokens/authenticate-api-token-within-limit.ts";
import { authOptions } from "./auth-options.ts";
import { clientAddressFrom } from "./client-address.ts";

/** Who is acting; `sessionId` is the signed-in session, null when a personal API token authenticated. */
export type Actor = { id: string; email: string; name: string; sessionId: string | null };

/** An actor and how this request proved who they are (the live channel ends streams by it). */
export type AuthenticatedActor = Actor & { credential: Credential };

/** The session cookie's contents, decoded once per request. */
const readSession = cache(() => getServerSession(authOptions));

/**
 * The signed-in user, or null. The cookie is a signed JWT naming a server-side session; one
 * statement checks that the session is live and reads the user (findSessionActor), so an ended
 * session or a deleted account stops working at once. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await readSession();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  return findSessionActor({ userId, sessionId });
});

/** For pages: the actor, or a redirect to sign in and come back to `returnTo`. */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

/**
 * For route handlers and actions: the actor, or a 401 AppError. A request with
 * `Authorization: Bearer <token>` is authenticated by that personal API token alone (a bad
 * token is a 401 even beside a session cookie, and a 429 once its address has failed too often);
 * without one, by the session.
 */
export async function requireApiActor(): Promise<AuthenticatedActor> {
  const requestHeaders = await headers();
  const bearer = parseBearerToken(requestHeaders.get("authorization"));
  if (bearer !== null) {
    const tokenActor = await authenticateApiTokenWithinLimit(bearer, clientAddressFrom(requestHeaders));
    if (!tokenActor) throw new AppError("UNAUTHENTICATED", "This API token is not valid: it is unknown or has been revoked.");
    const { tokenId, ...actor } = tokenActor;
    return { ...actor, credential: { kind: "token", tokenId } };
  }
  const actor = await getActor();
  if (!actor?.sessionId) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return { ...actor, credential: { kind: "session", sessionId: actor.sessionId } };
}
