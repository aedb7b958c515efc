import "server-only";
import bcrypt from "bcryptjs";
import { evaluateSignInLimit, SIGN_IN_LIMIT_POLICY, describeRetryAfter, type SignInLimitVerdict } from "../../domain/sign-in-limit.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AccountSummary } from "./create-account.ts";

// Compared against when the email has no account, so a missing account takes as long to refuse
// as a wrong password (no account enumeration by timing).
const DUMMY_HASH = "$2b$10$fJQx6nFLnI1iKm9YqDIK8eJcQJkVnAddUj7khr8YT5e51fssPixoG";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

/** The lock verdict for an email and a client address, from the attempts in PostgreSQL. */
export async function checkSignInLimit(
  { email, ipAddress, now = new Date() }: { email: string; ipAddress: string; now?: Date },
  db: Db = getDb(),
): Promise<SignInLimitVerdict> {
  const windowStart = new Date(now.getTime() - SIGN_IN_LIMIT_POLICY.windowMs);
  const lastSuccess = await db.signInAttempt.findFirst({
    where: { email, succeeded: true, createdAt: { gt: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const emailSince = lastSuccess && lastSuccess.createdAt > windowStart ? lastSuccess.createdAt : windowStart;
  const [emailFailures, addressFailures] = await Promise.all([
    db.signInAttempt.findMany({ where: { email, succeeded: false, createdAt: { gt: emailSince } }, select: { createdAt: true } }),
    db.signInAttempt.findMany({ where: { ipAddress, succeeded: false, createdAt: { gt: windowStart } }, select: { createdAt: true } }),
  ]);
  return evaluateSignInLimit({
    now,
    emailFailures: emailFailures.map((attempt) => attempt.createdAt),
    addressFailures: addressFailures.map((attempt) => attempt.createdAt),
  });
}

export function rateLimitedError(retryAfterSeconds: number): AppError {
  return new AppError("RATE_LIMITED", `Too many failed sign-in attempts. ${describeRetryAfter(retryAfterSeconds)}`, { retryAfterSeconds });
}

/**
 * Checks an email and password. Every attempt is recorded; past the limit the check is refused
 * before the password is looked at.
 *
 * The attempt is booked as a failure *before* the password is compared, under short advisory
 * locks on the email and the address, and turned into a success afterwards. So parallel guesses —
 * for one email or for many emails from one address — cannot all slip past the limit, and no lock
 * is held during the (slow, ~70 ms) bcrypt comparison.
 */
export async function verifyCredentials({
  email,
  password,
  ipAddress,
}: {
  email: string;
  password: string;
  ipAddress: string;
}): Promise<AccountSummary> {
  const normalisedEmail = email.trim().toLowerCase();
  const booking = await getDb().$transaction(async (tx) => {
    // Always email first, then address: every transaction takes the locks in the same order.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:email:${normalisedEmail}`}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:address:${ipAddress}`}))`;
    const verdict = await checkSignInLimit({ email: normalisedEmail, ipAddress }, tx);
    if (!verdict.isAllowed) return { kind: "limited" as const, retryAfterSeconds: verdict.retryAfterSeconds };
    const attempt = await tx.signInAttempt.create({ data: { email: normalisedEmail, ipAddress, succeeded: false }, select: { id: true } });
    return { kind: "booked" as const, attemptId: attempt.id };
  });
  if (booking.kind === "limited") throw rateLimitedError(booking.retryAfterSeconds);
  if (Math.random() < 0.02) void pruneOldAttempts();

  const db = getDb();
  const user = await db.user.findUnique({
    where: { email: normalisedEmail },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const isMatch = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isMatch) throw new AppError("UNAUTHENTICATED", "Wrong email or password.");
  await db.signInAttempt.update({ where: { id: booking.attemptId }, data: { succeeded: true } });
  return { id: user.id, email: user.email, name: user.name };
}

/** Attempts older than a day can never count again. */
async function pruneOldAttempts(): Promise<void> {
  await getDb()
    .signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } })
    .catch(() => undefined);
}
