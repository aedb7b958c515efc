import "server-only";
import { DEFAULT_RETURN_PATH, safeReturnPath as safeReturnPathOn } from "../domain/return-path.ts";
import { publicOrigin } from "./public-origin.ts";

/**
 * A same-site path to return to after sign-in (see lib/domain/return-path.ts); anything else
 * (other hosts, "//evil", control characters, backslashes, junk) → fallback. Absolute URLs are
 * accepted on the configured public origin (publicOrigin: NEXTAUTH_URL) only.
 */
export function safeReturnPath(candidate: unknown, fallback = DEFAULT_RETURN_PATH): string {
  return safeReturnPathOn(candidate, publicOrigin(), fallback);
}
