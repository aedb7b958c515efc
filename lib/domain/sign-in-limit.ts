// When failed sign-ins lock an email or a client address out, and for how long.
// Pure: the server counts the failures in PostgreSQL and asks this module for the verdict.

//
// A locked email must not lock its owner out: five wrong guesses from anywhere would otherwise
// keep the owner from signing in for 15 minutes, as often as someone cared to try. So the
// per-email lock holds only for addresses that have failed a sign-in within the window (the
// guesser's); an address with no recent failure is still let through to the password check, and
// the right password signs in. A wrong one counts as a failure there, so each address gets one
// guess past the lock. Many addresses guessing at one email (a spread-out attack) lock it for
// everyone once it has `maxFailuresPerEmailFromAnywhere` failures in the window.

import { countInWindow, secondsUntil, windowFullUntil } from "./sliding-window.ts";

export type SignInLimitPolicy = {
  windowMs: number;
  maxFailuresPerEmail: number;
  maxFailuresPerEmailFromAnywhere: number;
  maxFailuresPerAddress: number;
};

export const SIGN_IN_LIMIT_POLICY: SignInLimitPolicy = {
  windowMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerEmailFromAnywhere: 50,
  // Higher: several people may share one address (a campus network).
  maxFailuresPerAddress: 20,
};

export type SignInLimitVerdict = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number; reason: "email" | "address" };

/**
 * `emailFailures`: failure times for this email since its last successful sign-in;
 * `addressFailures`: failure times from this address (any email). Both may include old entries.
 * Locked while the window still holds `max` failures; it opens when the oldest of the last
 * `max` failures leaves the window. The email's `max` is maxFailuresPerEmail for an address that
 * has failed within the window, maxFailuresPerEmailFromAnywhere for one that has not.
 */
export function evaluateSignInLimit({
  now,
  emailFailures,
  addressFailures,
  policy = SIGN_IN_LIMIT_POLICY,
}: {
  now: Date;
  emailFailures: readonly Date[];
  addressFailures: readonly Date[];
  policy?: SignInLimitPolicy;
}): SignInLimitVerdict {
  const hasAddressFailedRecently = countInWindow(addressFailures, now, policy.windowMs) > 0;
  const emailUntil = windowFullUntil(
    emailFailures,
    hasAddressFailedRecently ? policy.maxFailuresPerEmail : policy.maxFailuresPerEmailFromAnywhere,
    now,
    policy.windowMs,
  );
  const addressUntil = windowFullUntil(addressFailures, policy.maxFailuresPerAddress, now, policy.windowMs);
  if (emailUntil === null && addressUntil === null) return { isAllowed: true };
  const isEmailLonger = (emailUntil ?? 0) >= (addressUntil ?? 0);
  const until = Math.max(emailUntil ?? 0, addressUntil ?? 0);
  return {
    isAllowed: false,
    retryAfterSeconds: secondsUntil(until, now),
    reason: isEmailLonger ? "email" : "address",
  };
}

/** "Try again in N minutes", rounded up, for people. */
export function describeRetryAfter(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return minutes <= 1 ? "Try again in 1 minute." : `Try again in ${minutes} minutes.`;
}
