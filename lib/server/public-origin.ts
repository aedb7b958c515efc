import "server-only";
import { getServerEnv } from "./env.ts";

/**
 * The origin every absolute URL is written with (annotation ids, join links, sign-in redirects):
 * the configured public URL (NEXTAUTH_URL, which next-auth needs anyway), never the request's
 * Host header, which a client chooses (and behind a proxy is the proxy's).
 */
export function publicOrigin(): string {
  return new URL(getServerEnv().NEXTAUTH_URL).origin;
}
