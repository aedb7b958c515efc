import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string };
    /** This sign-in's id (absent in sessions issued before sessions had one). */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** This sign-in's id, set once when the session is issued. */
    sid?: string;
  }
}
