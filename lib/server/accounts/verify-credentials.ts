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
 * before the password is looked at. Attempts for one email are serialised (advisory lock), so
 * parallel guesses cannot slip past the limit.
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
  const outcome = await getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${normalisedEmail}`}))`;
      const verdict = await checkSignInLimit({ email: normalisedEmail, ipAddress }, tx);
      if (!verdict.isAllowed) return { kind: "limited" as const, retryAfterSeconds: verdict.retryAfterSeconds };
      const user = await tx.user.findUnique({
        where: { email: normalisedEmail },
        select: { id: true, email: true, name: true, passwordHash: true },
      });
      const isMatch = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
      const succeeded = Boolean(user) && isMatch;
      await tx.signInAttempt.create({ data: { email: normalisedEmail, ipAddress, succeeded } });
      return succeeded && user ? { kind: "ok" as const, user: { id: user.id, email: user.email, name: user.name } } : { kind: "wrong" as const };
    },
    { timeout: 15_000 },
  );
  if (Math.random() < 0.02) void pruneOldAttempts();
  if (outcome.kind === "limited") throw rateLimitedError(outcome.retryAfterSeconds);
  if (outcome.kind === "wrong") throw new AppError("UNAUTHENTICATED", "Wrong email or password.");
  return outcome.user;
}

/** Attempts older than a day can never count again. */
async function pruneOldAttempts(): Promise<void> {
  await getDb()
    .signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } })
    .catch(() => undefined);
}
