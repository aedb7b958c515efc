import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { SIGN_IN_LIMIT_POLICY } from "../../domain/sign-in-limit.ts";
import { AppError } from "../app-error.ts";
import { disconnectDb, getDb } from "../db.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { createAccount } from "./create-account.ts";
import { checkSignInLimit, verifyCredentials } from "./verify-credentials.ts";

// Every test makes its own emails and client addresses, so the attempts it records never count
// against another test's; all of them are removed afterwards.
const PASSWORD = "correct horse battery";
const WRONG_PASSWORD = "not the password at all";

const createdEmails = new Set<string>();
const usedAddresses = new Set<string>();

function newEmail(): string {
  const email = `${randomUUID()}@example.test`;
  createdEmails.add(email);
  return email;
}

function newAddress(): string {
  const address = `test-${randomUUID()}`;
  usedAddresses.add(address);
  return address;
}

async function signUp(email = newEmail()): Promise<{ id: string; email: string }> {
  createdEmails.add(email.toLowerCase());
  return createAccount({ name: "Test Reader", email, password: PASSWORD });
}

async function failSignIn(email: string, ipAddress: string, times: number): Promise<void> {
  for (let attempt = 0; attempt < times; attempt += 1) {
    await expect(verifyCredentials({ email, password: WRONG_PASSWORD, ipAddress })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  }
}

afterAll(async () => {
  const db = getDb();
  const emails = [...createdEmails];
  await db.signInAttempt.deleteMany({ where: { OR: [{ email: { in: emails } }, { ipAddress: { in: [...usedAddresses] } }] } });
  await db.user.deleteMany({ where: { email: { in: emails } } });
  await disconnectDb();
});

describe("createAccount", () => {
  it("[ACCOUNTS] sign-up stores a bcrypt hash of the password, never the password itself", async () => {
    const account = await signUp();
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.passwordHash).not.toBe(PASSWORD);
    expect(stored.passwordHash).not.toContain(PASSWORD);
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare(PASSWORD, stored.passwordHash)).toBe(true);
    expect(account).toEqual({ id: stored.id, email: stored.email, name: "Test Reader" });
  });

  it("[ACCOUNTS] an email is taken case-insensitively: Ana@X.org blocks ana@x.org with a field error", async () => {
    const local = `Ana-${randomUUID()}`;
    const mixedCase = `${local}@Example.TEST`;
    const account = await signUp(mixedCase);
    expect(account.email).toBe(mixedCase.toLowerCase());

    const duplicate = createAccount({ name: "Other Ana", email: mixedCase.toLowerCase(), password: PASSWORD });
    await expect(duplicate).rejects.toBeInstanceOf(AppError);
    await expect(duplicate).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { email: [expect.any(String)] } });
    expect(await getDb().user.count({ where: { email: mixedCase.toLowerCase() } })).toBe(1);
  });
});

describe("verifyCredentials", () => {
  it("[SIGN-IN] the right password signs in, whatever the case of the typed email", async () => {
    const account = await signUp();
    const user = await verifyCredentials({ email: ` ${account.email.toUpperCase()} `, password: PASSWORD, ipAddress: newAddress() });
    expect(user).toEqual({ id: account.id, email: account.email, name: "Test Reader" });
  });

  it("[SIGN-IN] a wrong password and an unknown email get the same UNAUTHENTICATED answer", async () => {
    const account = await signUp();
    const ipAddress = newAddress();
    const wrongPassword = verifyCredentials({ email: account.email, password: WRONG_PASSWORD, ipAddress }).catch((error: unknown) => error);
    const unknownEmail = verifyCredentials({ email: newEmail(), password: PASSWORD, ipAddress }).catch((error: unknown) => error);
    const [first, second] = await Promise.all([wrongPassword, unknownEmail]);
    expect(first).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(second).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((first as AppError).message).toBe((second as AppError).message);
  });

  it("[SIGN-IN LIMIT] after 5 wrong passwords for an email even the right password is refused as RATE_LIMITED", async () => {
    const account = await signUp();
    const ipAddress = newAddress();
    await failSignIn(account.email, ipAddress, SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail);

    const error = await verifyCredentials({ email: account.email, password: PASSWORD, ipAddress }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const limited = error as AppError;
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(limited.message).toMatch(/Try again in \d+ minutes?\./);
    const minutes = Number(/Try again in (\d+) minute/.exec(limited.message)?.[1]);
    expect(minutes).toBe(Math.ceil(limited.retryAfterSeconds! / 60));
  });

  it("[LOCK-OUT] five wrong guesses from one address do not lock the owner out: the right password from an address with no recent failure signs in", async () => {
    const account = await signUp();
    const guesser = newAddress();
    await failSignIn(account.email, guesser, SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail);
    // The guesser stays locked, even with the right password.
    await expect(verifyCredentials({ email: account.email, password: PASSWORD, ipAddress: guesser })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // The owner, elsewhere, signs in.
    expect((await verifyCredentials({ email: account.email, password: PASSWORD, ipAddress: newAddress() })).id).toBe(account.id);
  });

  it("[LOCK-OUT] past the lock, a fresh address gets one guess: a wrong password there counts, and that address is locked next", async () => {
    const account = await signUp();
    await failSignIn(account.email, newAddress(), SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail);
    const second = newAddress();
    await expect(verifyCredentials({ email: account.email, password: WRONG_PASSWORD, ipAddress: second })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(verifyCredentials({ email: account.email, password: PASSWORD, ipAddress: second })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // A failure for another email counts too: the address has failed recently.
    const other = await signUp();
    const third = newAddress();
    await failSignIn(other.email, third, 1);
    await expect(verifyCredentials({ email: account.email, password: PASSWORD, ipAddress: third })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });

  it("[LOCK-OUT] guesses spread over many addresses lock the email for everyone at the per-email ceiling", async () => {
    const account = await signUp();
    await getDb().signInAttempt.createMany({
      data: Array.from({ length: SIGN_IN_LIMIT_POLICY.maxFailuresPerEmailFromAnywhere }, () => ({
        email: account.email,
        ipAddress: newAddress(),
        succeeded: false,
      })),
    });
    await expect(verifyCredentials({ email: account.email, password: PASSWORD, ipAddress: newAddress() })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });

  it("[SIGN-IN LIMIT] a locked email does not lock a different email signing in from another address", async () => {
    const locked = await signUp();
    const other = await signUp();
    const guesser = newAddress();
    await failSignIn(locked.email, guesser, SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail);
    await expect(verifyCredentials({ email: locked.email, password: PASSWORD, ipAddress: guesser })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });

    const user = await verifyCredentials({ email: other.email, password: PASSWORD, ipAddress: newAddress() });
    expect(user.id).toBe(other.id);
  });

  it("[SIGN-IN LIMIT] 20 failures from one address, across many emails, lock that address even for a new email", async () => {
    const ipAddress = newAddress();
    for (let attempt = 0; attempt < SIGN_IN_LIMIT_POLICY.maxFailuresPerAddress; attempt += 1) {
      await failSignIn(newEmail(), ipAddress, 1);
    }
    const fresh = await signUp();
    await expect(verifyCredentials({ email: fresh.email, password: PASSWORD, ipAddress })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // The same account from elsewhere is fine: it is the address that is locked.
    expect((await verifyCredentials({ email: fresh.email, password: PASSWORD, ipAddress: newAddress() })).id).toBe(fresh.id);
  });

  it("[SIGN-IN LIMIT] a successful sign-in resets the email's failure count", async () => {
    const account = await signUp();
    const ipAddress = newAddress();
    await failSignIn(account.email, ipAddress, 4);
    await verifyCredentials({ email: account.email, password: PASSWORD, ipAddress });
    await failSignIn(account.email, ipAddress, 4);

    expect(await checkSignInLimit({ email: account.email, ipAddress })).toEqual({ isAllowed: true });
    expect((await verifyCredentials({ email: account.email, password: PASSWORD, ipAddress })).id).toBe(account.id);
  });

  it("[SIGN-IN LIMIT] the limit holds across app instances: failures recorded through another client lock this one", async () => {
    const otherInstance = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
    try {
      const account = await signUp();
      const ipAddress = newAddress();
      await otherInstance.signInAttempt.createMany({
        data: Array.from({ length: SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail }, () => ({
          email: account.email,
          ipAddress,
          succeeded: false,
        })),
      });
      await expect(verifyCredentials({ email: account.email, password: PASSWORD, ipAddress })).rejects.toMatchObject({
        code: "RATE_LIMITED",
      });

      // And the other way round: failures made through getDb() are seen by the other instance.
      const second = await signUp();
      await failSignIn(second.email, ipAddress, SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail);
      expect(await checkSignInLimit({ email: second.email, ipAddress }, otherInstance)).toMatchObject({
        isAllowed: false,
        reason: "email",
      });
    } finally {
      await otherInstance.$disconnect();
    }
  });

  it("[SIGN-IN LIMIT] parallel wrong guesses with many emails from one address cannot pass the address limit", async () => {
    const ipAddress = newAddress();
    const spread = Array.from({ length: SIGN_IN_LIMIT_POLICY.maxFailuresPerAddress - 1 }, () => newEmail());
    for (const email of spread) await failSignIn(email, ipAddress, 1);
    const attempts = 8;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, () => verifyCredentials({ email: newEmail(), password: WRONG_PASSWORD, ipAddress })),
    );
    const codes = results.map((result) =>
      result.status === "rejected" && result.reason instanceof AppError ? result.reason.code : "UNEXPECTED",
    );
    expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(1);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(attempts - 1);
    const recorded = await getDb().signInAttempt.count({ where: { ipAddress, succeeded: false } });
    expect(recorded).toBe(SIGN_IN_LIMIT_POLICY.maxFailuresPerAddress);
  });

  it("[SIGN-IN LIMIT] parallel wrong guesses for one email record at most 5 failures; the rest are RATE_LIMITED", async () => {
    const account = await signUp();
    const ipAddress = newAddress();
    const attempts = 8;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, () => verifyCredentials({ email: account.email, password: WRONG_PASSWORD, ipAddress })),
    );

    const codes = results.map((result) =>
      result.status === "rejected" && result.reason instanceof AppError ? result.reason.code : "UNEXPECTED",
    );
    const failedCount = codes.filter((code) => code === "UNAUTHENTICATED").length;
    const limitedCount = codes.filter((code) => code === "RATE_LIMITED").length;
    const recordedFailures = await getDb().signInAttempt.count({ where: { email: account.email, succeeded: false } });

    expect(failedCount + limitedCount).toBe(attempts);
    expect(recordedFailures).toBeLessThanOrEqual(SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail);
    expect(failedCount).toBe(recordedFailures);
    expect(limitedCount).toBe(attempts - recordedFailures);
    expect(limitedCount).toBeGreaterThanOrEqual(attempts - SIGN_IN_LIMIT_POLICY.maxFailuresPerEmail);
  });
});
