import "server-only";
import { DEFAULT_RETURN_PATH, safeReturnPath as safeReturnPathOn } from "../domain/return-path.ts";

/**
 * A same-site path to return to after sign-in (see lib/domain/return-path.ts); anything else
 * (other hosts, "//evil", control characters, backslashes, junk) → fallback. Absolute URLs are
 * accepted on the configured public origin (NEXTAUTH_URL) only.
 */
export function safeReturnPath(candidate: unknown, fallback = DEFAULT_RETURN_PATH): string {
  return safeReturnPathOn(candidate, process.env.NEXTAUTH_URL || "http://localhost", fallback);
}
