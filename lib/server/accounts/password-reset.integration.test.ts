import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { getDb } from "../db.ts";
import { findSessionActor } from "../sessions/find-session-actor.ts";
import { startSession } from "../sessions/start-session.ts";
import { useAccountMail } from "../testing/account-mail.ts";
import type { ReceivedMail } from "../testing/smtp-sink.ts";
import { newClientAddress } from "../testing/test-addresses.ts";
import { findUsableAccountLink } from "./find-usable-account-link.ts";
import { requestPasswordReset } from "./request-password-reset.ts";
import { resetPassword } from "./reset-password.ts";

// "Forgot password" (issue #17.4) against PostgreSQL, the real mail worker and an SMTP server on
// 127.0.0.1: the link in the email that arrived is what the tests use.

const accountMail = useAccountMail("reset");
const { addresses } = accountMail;

async function newUser(label: string) {
  const email = addresses.newEmail(label);
  return getDb().user.create({
    data: { email, name: `Reset ${label}`, passwordHash: await bcrypt.hash("the old password", 4) },
    select: { id: true, email: true },
  });
}

async function resetRequestsFor(email: string) {
  return getDb().accountRequest.findMany({ where: { email, kind: "PASSWORD_RESET" }, orderBy: { createdAt: "asc" } });
}

/** Asks for a reset and returns the email that arrived and the token its link carries. */
async function askAndReceive(
  email: string,
  ipAddress = newClientAddress(),
): Promise<{ mail: ReceivedMail; token: string; requestId: string }> {
  await requestPasswordReset({ email, ipAddress });
  const { mail, requestId } = await accountMail.lastSentTo(email.toLowerCase(), "PASSWORD_RESET");
  const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.mail.text ?? "");
  expect(match, mail.mail.text).not.toBeNull();
  return { mail, token: decodeURIComponent(match![1]!), requestId };
}

describe("password reset", () => {
  it("[RESET] the email carries a one-time link to the public origin, in both parts; only the link's hash is stored", async () => {
    const user = await newUser("mail");
    const { mail, token, requestId } = await askAndReceive(user.email.toUpperCase());
    expect(mail.recipients).toEqual([user.email]);
    expect(mail.mail.subject).toBe("Reset your Scholia password");
    expect(mail.mail.html).toContain(`https://scholia.example.test/reset-password?token=${token}`);
    expect(mail.mail.text).toContain("30 minutes");
    const stored = await getDb().accountRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    const delivery = await getDb().mailDelivery.findUniqueOrThrow({ where: { key: `account:${requestId}` } });
    expect(JSON.stringify(delivery)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(30 * 60_000);
  });

  it("[RESET] using the link sets the password, ends every session of the account, and works once", async () => {
    const user = await newUser("use");
    const laptop = (await startSession({ userId: user.id, userAgent: "Laptop" })).sessionId;
    const phone = (await startSession({ userId: user.id, userAgent: "Phone" })).sessionId;
    const { token } = await askAndReceive(user.email);

    expect(await resetPassword({ token, password: "a brand new password" })).toEqual({ email: user.email });
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await bcrypt.compare("a brand new password", stored.passwordHash)).toBe(true);
    expect(stored.emailVerifiedAt).not.toBeNull();
    expect(await findSessionActor({ userId: user.id, sessionId: laptop })).toBeNull();
    expect(await findSessionActor({ userId: user.id, sessionId: phone })).toBeNull();

    await expect(resetPassword({ token, password: "another new password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findUsableAccountLink({ token, kinds: ["PASSWORD_RESET"] })).toBeNull();
  });

  it("[RESET] two submissions of one link at once: one sets the password, the other is refused", async () => {
    const user = await newUser("race");
    const { token } = await askAndReceive(user.email);
    const results = await Promise.allSettled([
      resetPassword({ token, password: "first racer password" }),
      resetPassword({ token, password: "second racer password" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
  });

  it("[RESET] a link expires after 30 minutes, and a new password from one link retires the account's other links", async () => {
    const user = await newUser("expiry");
    const first = await askAndReceive(user.email);
    const second = await askAndReceive(user.email);
    const later = new Date(Date.now() + 31 * 60_000);
    await expect(resetPassword({ token: first.token, password: "too late password", now: later })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await resetPassword({ token: second.token, password: "in time password" });
    await expect(resetPassword({ token: first.token, password: "old link password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("[RESET] an address with no account gets the same answer, and nothing is sent", async () => {
    const email = addresses.newEmail("nobody");
    await expect(requestPasswordReset({ email, ipAddress: newClientAddress() })).resolves.toBeUndefined();
    const [request] = await resetRequestsFor(email);
    expect(request).toMatchObject({ userId: null, tokenHash: null });
    expect(await getDb().mailDelivery.count({ where: { key: `account:${request!.id}` } })).toBe(0);
    expect(accountMail.harness().sink.to(email)).toEqual([]);
  });

  it("[RESET] a mailbox gets at most three links an hour: the fourth request answers the same and sends nothing", async () => {
    const user = await newUser("flood");
    for (let index = 0; index < 3; index += 1) await requestPasswordReset({ email: user.email, ipAddress: newClientAddress() });
    await expect(requestPasswordReset({ email: user.email, ipAddress: newClientAddress() })).resolves.toBeUndefined();
    expect(await resetRequestsFor(user.email)).toHaveLength(3);
  });

  it("[RESET] one client address may ask ten times an hour, then is told to wait (RATE_LIMITED with Retry-After)", async () => {
    const ipAddress = newClientAddress();
    for (let index = 0; index < 10; index += 1) {
      await requestPasswordReset({ email: addresses.newEmail(`many-${index}`, { isExact: true }), ipAddress });
    }
    const email = addresses.newEmail("eleventh", { isExact: true });
    const refusal = requestPasswordReset({ email, ipAddress });
    await expect(refusal).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(refusal).rejects.toSatisfy((error: { retryAfterSeconds?: number }) => (error.retryAfterSeconds ?? 0) > 3_000);
    await expect(requestPasswordReset({ email, ipAddress: newClientAddress() })).resolves.toBeUndefined();
  });

  it("[RESET] a malformed or unknown token names nothing", async () => {
    for (const token of ["", "short", "x".repeat(43), `${"a".repeat(42)}!`]) {
      await expect(resetPassword({ token, password: "whatever password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
