// Account emails (password reset, address confirmation, a sign-up with a taken address, email
// change): how long their links live and how often they may be asked for. Pure: the server
// counts the requests in PostgreSQL and asks this module for the verdict.

import { secondsUntil, windowFullUntil } from "./sliding-window.ts";

export type AccountRequestKind = "PASSWORD_RESET" | "EMAIL_VERIFICATION" | "SIGN_UP_TAKEN" | "EMAIL_CHANGE";

/** How long a link works after it was asked for. */
export const ACCOUNT_LINK_LIFETIME_MS: Record<AccountRequestKind, number> = {
  PASSWORD_RESET: 30 * 60_000,
  EMAIL_VERIFICATION: 7 * 24 * 60 * 60_000,
  // Carries no link; the row only counts for the limits.
  SIGN_UP_TAKEN: 60 * 60_000,
  EMAIL_CHANGE: 24 * 60 * 60_000,
};

/** What a limit counts: the requests of some kinds, per email or per client address, in a window. */
export type AccountRequestAction = "password-reset" | "sign-up" | "confirmation" | "email-change";

export const ACTION_KINDS: Record<AccountRequestAction, readonly AccountRequestKind[]> = {
  "password-reset": ["PASSWORD_RESET"],
  // A sign-up sends one or the other, so both count against the sign-up limits.
  "sign-up": ["EMAIL_VERIFICATION", "SIGN_UP_TAKEN"],
  // "Send the confirmation again", from the account page.
  confirmation: ["EMAIL_VERIFICATION"],
  "email-change": ["EMAIL_CHANGE"],
};

export type AccountRequestLimit = { windowMs: number; maxPerEmail: number; maxPerAddress: number };

export const DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR = 10;

export function accountRequestLimit(
  action: AccountRequestAction,
  signUpsPerAddress = DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR,
): AccountRequestLimit {
  const hour = 60 * 60_000;
  switch (action) {
    // Per email: a mailbox gets at most three links an hour, whoever asks. Per address: higher,
    // as several people may share one (a campus network).
    case "password-reset":
      return { windowMs: hour, maxPerEmail: 3, maxPerAddress: 10 };
    case "sign-up":
      return { windowMs: hour, maxPerEmail: 3, maxPerAddress: signUpsPerAddress };
    case "confirmation":
      return { windowMs: hour, maxPerEmail: 3, maxPerAddress: 10 };
    case "email-change":
      return { windowMs: hour, maxPerEmail: 3, maxPerAddress: 10 };
  }
}

export type AccountRequestVerdict =
  | { isAllowed: true }
  /**
   * `email`: this mailbox had its share; the request gets the usual answer and sends nothing
   * (a 429 would tell whether the address was asked about before). `address`: this client asked
   * too often; it is told so and when to try again.
   */
  | { isAllowed: false; reason: "email" | "address"; retryAfterSeconds: number };

/**
 * `emailRequests` and `addressRequests`: the times of earlier requests of the action's kinds for
 * this email and from this client address (older ones may be included). The address limit is
 * checked first: a client past it is told, whatever the email.
 */
export function evaluateAccountRequestLimit({
  now,
  emailRequests,
  addressRequests,
  limit,
}: {
  now: Date;
  emailRequests: readonly Date[];
  addressRequests: readonly Date[];
  limit: AccountRequestLimit;
}): AccountRequestVerdict {
  const addressUntil = windowFullUntil(addressRequests, limit.maxPerAddress, now, limit.windowMs);
  if (addressUntil !== null) return { isAllowed: false, reason: "address", retryAfterSeconds: secondsUntil(addressUntil, now) };
  const emailUntil = windowFullUntil(emailRequests, limit.maxPerEmail, now, limit.windowMs);
  if (emailUntil !== null) return { isAllowed: false, reason: "email", retryAfterSeconds: secondsUntil(emailUntil, now) };
  return { isAllowed: true };
}

/** Whether a request's link can still be used at `now`. */
export function isAccountLinkUsable(request: { usedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return request.usedAt === null && request.expiresAt.getTime() > now.getTime();
}

/** The shape of a link's secret (32 random bytes, base64url): anything else names no request. */
export const ACCOUNT_LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
