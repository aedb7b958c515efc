import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import { startSession } from "../sessions/start-session.ts";
import { createAccount } from "./create-account.ts";
import { signInWithSso } from "./sign-in-with-sso.ts";
import { verifyCredentials } from "./verify-credentials.ts";

// Single sign-on against the real database: the account of a verified address is found, made,
// or taken back from whoever opened it unconfirmed. Each test makes its own addresses.
const PASSWORD = "correct horse battery";
const createdEmails = new Set<string>();

function newEmail(): string {
  const email = `sso-${randomUUID()}@example.test`;
  createdEmails.add(email);
  return email;
}

afterAll(async () => {
  await getDb().user.deleteMany({ where: { email: { in: [...createdEmails] } } });
  await disconnectDb();
});

describe("signInWithSso", () => {
  it("[SSO] a verified address without an account gets a new, confirmed account without a password, and a live session", async () => {
    const email = newEmail();
    const signedIn = await signInWithSso({ identity: { email, name: "Nia New" }, userAgent: "Test browser" });
    const stored = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(signedIn).toMatchObject({ id: stored.id, email, name: "Nia New" });
    expect(stored.emailVerifiedAt).not.toBeNull();
    expect(stored.passwordHash).toBe("");
    await expect(verifyCredentials({ email, password: "", ipAddress: `test-${randomUUID()}` })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    const session = await getDb().userSession.findUniqueOrThrow({ where: { id: signedIn.sessionId } });
    expect(session).toMatchObject({ userId: stored.id, endedAt: null, userAgent: "Test browser" });
  });

  it("[SSO] a confirmed account with that address is the one signed in: its name, password and other sessions stay", async () => {
    const email = newEmail();
    const account = await createAccount({ name: "Cora Confirmed", email, password: PASSWORD });
    await getDb().user.update({ where: { id: account.id }, data: { emailVerifiedAt: new Date() } });
    const other = await startSession({ userId: account.id, userAgent: "Laptop" });
    const signedIn = await signInWithSso({ identity: { email, name: "Name From The Provider" }, userAgent: "Phone" });
    expect(signedIn).toMatchObject({ id: account.id, email, name: "Cora Confirmed" });
    expect(signedIn.sessionId).not.toBe(other.sessionId);
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: other.sessionId } })).endedAt).toBeNull();
    await expect(verifyCredentials({ email, password: PASSWORD, ipAddress: `test-${randomUUID()}` })).resolves.toMatchObject({
      id: account.id,
    });
  });

  it("[SSO] an unconfirmed account with that address is taken back by the address's owner: confirmed, its password cleared, its sessions ended", async () => {
    const email = newEmail();
    const squatter = await createAccount({ name: "Someone Else", email, password: PASSWORD });
    const squatterSession = await startSession({ userId: squatter.id, userAgent: "Squatter's browser" });
    const signedIn = await signInWithSso({ identity: { email, name: "Real Owner" }, userAgent: "Owner's browser" });
    expect(signedIn.id).toBe(squatter.id);
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(stored.emailVerifiedAt).not.toBeNull();
    expect(stored.passwordHash).toBe("");
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: squatterSession.sessionId } })).endedAt).not.toBeNull();
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: signedIn.sessionId } })).endedAt).toBeNull();
    await expect(verifyCredentials({ email, password: PASSWORD, ipAddress: `test-${randomUUID()}` })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("[SSO] two first sign-ins at once make one account", async () => {
    const email = newEmail();
    const [first, second] = await Promise.all([
      signInWithSso({ identity: { email, name: "Twin" }, userAgent: "A" }),
      signInWithSso({ identity: { email, name: "Twin" }, userAgent: "B" }),
    ]);
    expect(first.id).toBe(second.id);
    expect(await getDb().user.count({ where: { email } })).toBe(1);
  });
});
