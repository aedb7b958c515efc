import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "../../domain/account-rules.ts";
import { isAppError } from "../app-error.ts";
import { verifyCredentials } from "../accounts/verify-credentials.ts";
import { rememberMailTimeZone } from "../mail/remember-mail-time-zone.ts";
import { TIME_ZONE_COOKIE } from "../viewer-time-zone.ts";
import { clientAddressFrom } from "./client-address.ts";

/** Sign-in error codes the sign-in form understands (next-auth passes the thrown message on). */
export const SIGN_IN_ERROR = { wrongCredentials: "CredentialsSignin", rateLimited: "RateLimited" } as const;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
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
          void rememberMailTimeZone({ userId: user.id, timeZone: cookieValue(request?.headers?.cookie, TIME_ZONE_COOKIE) }).catch(
            () => undefined,
          );
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          if (isAppError(error) && error.code === "RATE_LIMITED") {
            throw new Error(`${SIGN_IN_ERROR.rateLimited}:${error.retryAfterSeconds ?? 60}`);
          }
          if (isAppError(error) && error.code === "UNAUTHENTICATED") return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
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
