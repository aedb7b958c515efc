import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "../../domain/account-rules.ts";
import { isAppError } from "../app-error.ts";
import { verifyCredentials } from "../accounts/verify-credentials.ts";
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
      if (user) {
        token.sub = user.id;
        // Names this sign-in, so that ending it (a revocation) can end what it opened: live streams.
        token.sid = randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
};
