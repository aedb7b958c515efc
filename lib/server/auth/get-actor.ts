import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { parseBearerToken } from "../../domain/api-token.ts";
import type { Credential } from "../../domain/live-access.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { authenticateApiToken } from "../tokens/authenticate-api-token.ts";
import { authOptions } from "./auth-options.ts";

export type Actor = { id: string; email: string; name: string };

/** An actor and how this request proved who they are (the live channel ends streams by it). */
export type AuthenticatedActor = Actor & { credential: Credential };

/** The session cookie's contents, decoded once per request. */
const readSession = cache(() => getServerSession(authOptions));

/**
 * The signed-in user, or null. The session is a signed JWT; the user is read back from the
 * database so a deleted account's cookie stops working at once. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await readSession();
  const userId = session?.user?.id;
  if (!userId) return null;
  return getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
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
 * token is a 401 even beside a session cookie); without one, by the session.
 */
export async function requireApiActor(): Promise<AuthenticatedActor> {
  const bearer = parseBearerToken((await headers()).get("authorization"));
  if (bearer !== null) {
    const tokenActor = await authenticateApiToken(bearer);
    if (!tokenActor) throw new AppError("UNAUTHENTICATED", "This API token is not valid: it is unknown or has been revoked.");
    const { tokenId, ...actor } = tokenActor;
    return { ...actor, credential: { kind: "token", tokenId } };
  }
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return { ...actor, credential: { kind: "session", sessionId: (await readSession())?.sessionId ?? null } };
}
