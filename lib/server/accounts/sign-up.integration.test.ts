import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR } from "../../domain/account-requests.ts";
import { getDb } from "../db.ts";
import { useAccountMail } from "../testing/account-mail.ts";
import { newClientAddress } from "../testing/test-addresses.ts";
import { confirmEmail } from "./confirm-email.ts";
import { signUp } from "./sign-up.ts";

// Sign-up without account enumeration (issue #14.11, #17.4): the same answer for a new address
// and for one that has an account, each with its own email, and a limit per client address.

const accountMail = useAccountMail("signup");
const { newEmail } = accountMail.addresses;
const input = (email: string, password = "a long enough password") => ({ name: "Sign Up Tester", email, password });

async function receivedMail(email: string) {
  return (await accountMail.lastSentTo(email)).mail;
}

describe("sign-up", () => {
  it("[SIGN-UP] a new address gets an unconfirmed account and an email whose link confirms it, once", async () => {
    const email = newEmail("new");
    await expect(signUp({ input: input(email.toUpperCase()), ipAddress: newClientAddress() })).resolves.toBeUndefined();
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    const mail = await receivedMail(email);
    expect(mail.mail.subject).toBe("Confirm your email address for Scholia");
    const token = decodeURIComponent(/\/confirm-email\?token=([A-Za-z0-9_%-]+)/.exec(mail.mail.text ?? "")![1]!);
    expect(await confirmEmail({ token })).toEqual({ kind: "verified", email });
    expect((await getDb().user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();
    await expect(confirmEmail({ token })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("[ENUMERATION] an address that has an account answers the same, keeps its account and password, and its owner is told", async () => {
    const email = newEmail("taken");
    await signUp({ input: input(email, "the owner's password"), ipAddress: newClientAddress() });
    const owner = await getDb().user.findUniqueOrThrow({ where: { email } });

    await expect(signUp({ input: input(email, "an intruder's password"), ipAddress: newClientAddress() })).resolves.toBeUndefined();
    expect(await getDb().user.count({ where: { email } })).toBe(1);
    const after = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(after.id).toBe(owner.id);
    expect(await bcrypt.compare("the owner's password", after.passwordHash)).toBe(true);
    const mail = await receivedMail(email);
    expect(mail.mail.subject).toBe("Someone tried to create a Scholia account with your address");
    expect(mail.mail.text).toContain("https://scholia.example.test/forgot-password");
    expect(mail.mail.text).not.toContain("token=");
  });

  it("[ENUMERATION] two sign-ups of one new address at once make one account", async () => {
    const email = newEmail("race");
    await Promise.all([
      signUp({ input: input(email), ipAddress: newClientAddress() }),
      signUp({ input: input(email), ipAddress: newClientAddress() }),
    ]);
    expect(await getDb().user.count({ where: { email } })).toBe(1);
    expect((await getDb().accountRequest.findMany({ where: { email } })).map((request) => request.kind).sort()).toEqual([
      "EMAIL_VERIFICATION",
      "SIGN_UP_TAKEN",
    ]);
  });

  it(`[SIGN-UP LIMIT] one client address makes at most ${DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR} sign-ups an hour, then is told when to retry`, async () => {
    const ipAddress = newClientAddress();
    for (let index = 0; index < DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR; index += 1) {
      await signUp({ input: input(newEmail(`many${index}`)), ipAddress });
    }
    const email = newEmail("one-too-many");
    const refusal = signUp({ input: input(email), ipAddress });
    await expect(refusal).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("Too many requests") });
    await expect(refusal).rejects.toSatisfy((error: { retryAfterSeconds?: number }) => (error.retryAfterSeconds ?? 0) > 3_000);
    expect(await getDb().user.count({ where: { email } })).toBe(0);
    // Someone else (another address) is not held up by it.
    await signUp({ input: input(email), ipAddress: newClientAddress() });
    expect(await getDb().user.count({ where: { email } })).toBe(1);
  });

  it("[SIGN-UP LIMIT] an address's owner gets at most three 'someone tried' emails an hour, and the answer stays the same", async () => {
    const email = newEmail("flooded");
    await signUp({ input: input(email), ipAddress: newClientAddress() });
    for (let index = 0; index < 4; index += 1) {
      await expect(signUp({ input: input(email), ipAddress: newClientAddress() })).resolves.toBeUndefined();
    }
    // One confirmation and two "someone tried" (the per-email limit of sign-up counts both).
    expect(await getDb().accountRequest.count({ where: { email } })).toBe(3);
  });
});
