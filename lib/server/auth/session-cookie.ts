import "server-only";
import { getServerEnv } from "../env.ts";
import { SESSION_MAX_AGE_SECONDS } from "../sessions/session-policy.ts";
import { encodeSessionToken } from "./session-token.ts";

// next-auth's session cookie, defined once: next-auth writes it at a password sign-in, and an LMS
// launch (lib/server/lti) writes the same cookie itself, since that sign-in happens outside
// next-auth. Served over https, it is SameSite=None so that it also works when an LMS shows
// Scholia in an iframe (a third-party context); cross-site requests that change something are
// refused anyway by the proxy's Origin check (lib/domain/request-security.ts), and next-auth's own
// endpoints carry their CSRF token. Over http (a laptop, the tests) browsers refuse SameSite=None
// without Secure, so it stays Lax.

export type CookieOptions = { httpOnly: boolean; sameSite: "lax" | "none"; path: string; secure: boolean };

export function isSecureOrigin(): boolean {
  return getServerEnv().NEXTAUTH_URL.startsWith("https://");
}

/** The attributes of cookies that must reach Scholia inside an LMS iframe (the session, a launch's state). */
export function embeddableCookieOptions(): CookieOptions {
  const secure = isSecureOrigin();
  return { httpOnly: true, sameSite: secure ? "none" : "lax", path: "/", secure };
}

export function sessionCookieName(): string {
  return `${isSecureOrigin() ? "__Secure-" : ""}next-auth.session-token`;
}

/** The session cookie for a person signed in outside next-auth's own flow, as next-auth would write it. */
export async function issueSessionCookie({
  user,
  sessionId,
}: {
  user: { id: string; email: string; name: string };
  sessionId: string;
}): Promise<{ name: string; value: string; options: CookieOptions & { maxAge: number } }> {
  const secret = getServerEnv().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: sessions cannot be signed.");
  const value = await encodeSessionToken({
    token: { sub: user.id, sid: sessionId, name: user.name, email: user.email },
    secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  return { name: sessionCookieName(), value, options: { ...embeddableCookieOptions(), maxAge: SESSION_MAX_AGE_SECONDS } };
}
