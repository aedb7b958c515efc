import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string };
    /** The server-side session (UserSession) this cookie belongs to; checked on every request. */
    sessionId?: string;
  }
  interface User {
    /** Set by authorize() when it starts the server-side session. */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** UserSession id. A cookie without one (issued before sessions were revocable) is refused. */
    sid?: string;
  }
}
