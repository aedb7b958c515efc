// When failed sign-ins lock an email or a client address out, and for how long.
// Pure: the server counts the failures in PostgreSQL and asks this module for the verdict.

export type SignInLimitPolicy = {
  windowMs: number;
  maxFailuresPerEmail: number;
  maxFailuresPerAddress: number;
};

export const SIGN_IN_LIMIT_POLICY: SignInLimitPolicy = {
  windowMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  // Higher: several people may share one address (a campus network).
  maxFailuresPerAddress: 20,
};

export type SignInLimitVerdict = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number; reason: "email" | "address" };

/**
 * `emailFailures`: failure times for this email since its last successful sign-in;
 * `addressFailures`: failure times from this address. Both may include old entries.
 * Locked while the window still holds `max` failures; it opens when the oldest of the last
 * `max` failures leaves the window.
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
  const emailUntil = lockedUntil(emailFailures, policy.maxFailuresPerEmail, now, policy.windowMs);
  const addressUntil = lockedUntil(addressFailures, policy.maxFailuresPerAddress, now, policy.windowMs);
  if (emailUntil === null && addressUntil === null) return { isAllowed: true };
  const isEmailLonger = (emailUntil ?? 0) >= (addressUntil ?? 0);
  const until = Math.max(emailUntil ?? 0, addressUntil ?? 0);
  return {
    isAllowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)),
    reason: isEmailLonger ? "email" : "address",
  };
}

function lockedUntil(failures: readonly Date[], max: number, now: Date, windowMs: number): number | null {
  const windowStart = now.getTime() - windowMs;
  const recent = failures
    .map((failure) => failure.getTime())
    .filter((time) => time > windowStart && time <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length < max) return null;
  const oldestThatCounts = recent[recent.length - max]!;
  return oldestThatCounts + windowMs;
}

/** "Try again in N minutes", rounded up, for people. */
export function describeRetryAfter(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return minutes <= 1 ? "Try again in 1 minute." : `Try again in ${minutes} minutes.`;
}
