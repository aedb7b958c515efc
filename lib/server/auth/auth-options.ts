import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { signInSchema } from "../../domain/account-rules.ts";
import { decideSsoIdentity, parseAllowedEmailDomains } from "../../domain/single-sign-on.ts";
import { safeReturnPath } from "../../domain/return-path.ts";
import { isAppError } from "../app-error.ts";
import { signInWithSso } from "../accounts/sign-in-with-sso.ts";
import { verifyCredentials } from "../accounts/verify-credentials.ts";
import { getServerEnv } from "../env.ts";
import { rememberMailTimeZone } from "../mail/remember-mail-time-zone.ts";
import { decodeSessionToken, encodeSessionToken } from "./session-token.ts";
import { endSession } from "../sessions/end-session.ts";
import { SESSION_MAX_AGE_SECONDS } from "../sessions/session-policy.ts";
import { startSession } from "../sessions/start-session.ts";
import { TIME_ZONE_COOKIE } from "../viewer-time-zone.ts";
import { clientAddressFrom } from "./client-address.ts";
import { OIDC_PROVIDER_ID, oidcProviders } from "./oidc-provider.ts";
import { embeddableCookieOptions, sessionCookieName } from "./session-cookie.ts";

/** Sign-in error codes the sign-in form understands (next-auth passes the thrown message on). */
export const SIGN_IN_ERROR = { wrongCredentials: "CredentialsSignin", rateLimited: "RateLimited" } as const;

const credentialsProvider = CredentialsProvider({
  name: "Email and password",
  credentials: {
    email: { label: "Email", type: "email" },
    password: { label: "Password", type: "password" },
  },
  async authorize(credentials, request) {
    const parsed = signInSchema.safeParse(credentials ?? {});
    if (!parsed.success) return null;
    try {
      const user = await verifyCredentials({
        email: parsed.data.email,
        password: parsed.data.password,
        ipAddress: clientAddressFrom(request?.headers ?? {}),
      });
      // Digests and reminders are timed in the zone the browser reports (until one is chosen).
      void rememberMailTimeZone({
        userId: user.id,
        timeZone: cookieValue(readHeader(request?.headers, "cookie"), TIME_ZONE_COOKIE),
      }).catch(() => undefined);
      const { sessionId } = await startSession({ userId: user.id, userAgent: readHeader(request?.headers, "user-agent") });
      return { id: user.id, email: user.email, name: user.name, sessionId };
    } catch (error) {
      if (isAppError(error) && error.code === "RATE_LIMITED") {
        throw new Error(`${SIGN_IN_ERROR.rateLimited}:${error.retryAfterSeconds ?? 60}`);
      }
      if (isAppError(error) && error.code === "UNAUTHENTICATED") return null;
      throw error;
    }
  },
});

export const authOptions: NextAuthOptions = {
  // The cookie is a JWT naming a server-side session (UserSession), checked on every request
  // (getActor), so signing out, ending a session or signing out everywhere refuses the cookie
  // at once, even a copy of it.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth's format, with the key derived once rather than twice per request (session-token.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // The session cookie is defined once (session-cookie.ts): an LMS launch writes the same one. A
  // getter, because the environment is read when a request comes, not when the module loads.
  get cookies() {
    return { sessionToken: { name: sessionCookieName(), options: embeddableCookieOptions() } };
  },
  // A getter, as cookies: single sign-on is offered when the environment configures it.
  get providers() {
    return [credentialsProvider, ...oidcProviders()];
  },
  callbacks: {
    // next-auth's own redirect callback throws on a callbackUrl it cannot parse ("%", "::"). Such
    // input does not get here (a query or form callbackUrl is refused by the route, a
    // callback-url cookie dropped by proxy.ts: lib/domain/next-auth-request.ts); what does,
    // the cookie included, leads to a path of this site or to the default.
    redirect({ url, baseUrl }) {
      return new URL(safeReturnPath(url, baseUrl), baseUrl).href;
    },
    // Single sign-on: the ID token's verified email finds or makes the account (sign-in-with-sso);
    // a refusal goes back to the sign-in page with its reason. Passwords are checked in authorize.
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const identity = decideSsoIdentity(
        (profile ?? {}) as Record<string, unknown>,
        parseAllowedEmailDomains(getServerEnv().OIDC_ALLOWED_EMAIL_DOMAINS),
      );
      if ("refused" in identity) return `/sign-in?error=${identity.refused}`;
      const signedIn = await signInWithSso({ identity, userAgent: (await headers()).get("user-agent") });
      // next-auth hands this same object to the jwt callback below.
      Object.assign(user, signedIn);
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      if (token.sid) session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Called after next-auth checked the sign-out request's CSRF token, with the cookie being
    // cleared: its server-side session ends too, so a copy of the cookie stops working.
    async signOut({ token }) {
      if (token?.sub && token.sid) await endSession({ userId: token.sub, sessionId: token.sid });
    },
  },
};

function cookieValue(header: unknown, name: string): string | null {
  if (typeof header !== "string") return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function readHeader(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}
