import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** How long a started login may take to come back as a launch. */
export const LTI_LOGIN_TTL_MS = 10 * 60_000;

/** The cookie that binds a login's state to the browser that started it (one per login). */
export function ltiStateCookieName(loginId: string): string {
  return `scholia_lti_${loginId}`;
}

export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashState(state: string): string {
  return createHash("sha256").update(state).digest("base64url");
}
