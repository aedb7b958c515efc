import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import { findSessionActor } from "../sessions/find-session-actor.ts";
import { startSession } from "../sessions/start-session.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { startMailHarness, type MailHarness } from "../testing/mail-harness.ts";
import { listenForRevocations, type RevocationListener } from "../testing/revocation-listener.ts";
import { createTestAddresses, newClientAddress } from "../testing/test-addresses.ts";
import { authenticateApiToken } from "../tokens/authenticate-api-token.ts";
import { createApiToken } from "../tokens/create-api-token.ts";
import { changeDisplayName } from "./change-display-name.ts";
import { changePassword } from "./change-password.ts";
import { confirmEmail } from "./confirm-email.ts";
import { DELETED_USER_NAME, deleteAccount } from "./delete-account.ts";
import { requestEmailChange } from "./request-email-change.ts";
import { resendEmailConfirmation } from "./resend-email-confirmation.ts";
import { verifyCredentials } from "./verify-credentials.ts";

// The account page's services (issue #13.18, #17.4): name, email (confirmed at the new address),
// password (current one required, other sessions end), deletion (posts stay as "Deleted user").

const PASSWORD = "the current password";
let harness: MailHarness;
let listener: RevocationListener;
let fixture: CourseFixture;
const addresses = createTestAddresses("acct");

async function newUser(label: string, { isConfirmed = true } = {}) {
  const email = addresses.newEmail(label);
  return getDb().user.create({
    data: {
      email,
      name: `Account ${label}`,
      passwordHash: await bcrypt.hash(PASSWORD, 4),
      emailVerifiedAt: isConfirmed ? new Date() : null,
    },
    select: { id: true, email: true },
  });
}

async function linkSentTo(email: string): Promise<string> {
  const request = await getDb().accountRequest.findFirstOrThrow({ where: { email }, orderBy: { createdAt: "desc" } });
  await harness.waitForDelivery(`account:${request.id}`, ["SENT"]);
  const text = harness.sink.to(email).at(-1)!.mail.text ?? "";
  return decodeURIComponent(/\/confirm-email\?token=([A-Za-z0-9_%-]+)/.exec(text)![1]!);
}

beforeAll(async () => {
  harness = await startMailHarness();
  listener = await listenForRevocations();
  fixture = await createCourseFixture("account");
  const passwordHash = await bcrypt.hash(PASSWORD, 4);
  await getDb().user.updateMany({ where: { id: { in: Object.values(fixture.users).map((user) => user.id) } }, data: { passwordHash } });
});

afterAll(async () => {
  await listener?.close();
  await harness?.stop();
  await fixture?.cleanUp();
  await addresses.cleanUp();
  await disconnectDb();
});

describe("account settings", () => {
  it("[ACCOUNT] the display name changes what others see", async () => {
    const user = await newUser("name");
    await changeDisplayName({ actorId: user.id, input: { name: "Renamed Person" } });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Renamed Person");
  });

  it("[ACCOUNT] changing the password needs the current one; it ends every other session and keeps this one", async () => {
    const user = await newUser("password");
    const current = (await startSession({ userId: user.id, userAgent: "This" })).sessionId;
    const other = (await startSession({ userId: user.id, userAgent: "Other" })).sessionId;
    await expect(
      changePassword({
        actorId: user.id,
        currentSessionId: current,
        input: { currentPassword: "wrong", newPassword: "a new password here" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { currentPassword: ["This is not your current password."] } });
    expect(await findSessionActor({ userId: user.id, sessionId: other })).not.toBeNull();

    await listener.settle();
    expect(
      await changePassword({
        actorId: user.id,
        currentSessionId: current,
        input: { currentPassword: PASSWORD, newPassword: "a new password here" },
      }),
    ).toBe(1);
    expect(await findSessionActor({ userId: user.id, sessionId: current })).not.toBeNull();
    expect(await findSessionActor({ userId: user.id, sessionId: other })).toBeNull();
    expect(await listener.settle()).toEqual([{ kind: "session", userId: user.id, sessionId: other }]);
    await expect(
      verifyCredentials({ email: user.email, password: "a new password here", ipAddress: newClientAddress() }),
    ).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("[EMAIL CHANGE] a link goes to the new address; the address changes (confirmed) only when it is used", async () => {
    const user = await newUser("change");
    const newEmail = addresses.newEmail("new");
    await expect(
      requestEmailChange({ actorId: user.id, input: { email: newEmail, currentPassword: "wrong" }, ipAddress: newClientAddress() }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await requestEmailChange({ actorId: user.id, input: { email: newEmail, currentPassword: PASSWORD }, ipAddress: newClientAddress() });
    const token = await linkSentTo(newEmail);
    expect(harness.sink.to(newEmail).at(-1)!.mail.subject).toBe("Confirm your new email address for Scholia");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);

    expect(await confirmEmail({ token })).toEqual({ kind: "changed", email: newEmail });
    const changed = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(changed.email).toBe(newEmail);
    expect(changed.emailVerifiedAt).not.toBeNull();
    await expect(confirmEmail({ token })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("[ENUMERATION] asking for another account's address answers the same and sends nothing; a link to an address taken since is refused", async () => {
    const user = await newUser("taken-change");
    const owner = await newUser("owner");
    await expect(
      requestEmailChange({ actorId: user.id, input: { email: owner.email, currentPassword: PASSWORD }, ipAddress: newClientAddress() }),
    ).resolves.toBeUndefined();
    const request = await getDb().accountRequest.findFirstOrThrow({ where: { email: owner.email, kind: "EMAIL_CHANGE" } });
    expect(await getDb().mailDelivery.count({ where: { key: `account:${request.id}` } })).toBe(0);

    const later = addresses.newEmail("later");
    await requestEmailChange({ actorId: user.id, input: { email: later, currentPassword: PASSWORD }, ipAddress: newClientAddress() });
    const token = await linkSentTo(later);
    await getDb().user.update({ where: { id: owner.id }, data: { email: later } });
    await expect(confirmEmail({ token })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("[CONFIRMATION] an unconfirmed address can have its confirmation sent again; a confirmed one is told so", async () => {
    const unconfirmed = await newUser("unconfirmed", { isConfirmed: false });
    await resendEmailConfirmation({ actorId: unconfirmed.id, ipAddress: newClientAddress() });
    await confirmEmail({ token: await linkSentTo(unconfirmed.email) });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: unconfirmed.id } })).emailVerifiedAt).not.toBeNull();
    await expect(resendEmailConfirmation({ actorId: unconfirmed.id, ipAddress: newClientAddress() })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("account deletion", () => {
  it("[DELETE] posts others can read stay, by 'Deleted user'; private notes, sessions, tokens and the sign-in go", async () => {
    const student = fixture.users.studentA1;
    const shared = await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("Shared thought") });
    const reply = await fixture.reply("studentA2", shared.id, "A classmate's answer");
    const note = await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 2 },
      body: plainBody("Only mine"),
      visibility: "PRIVATE",
    });
    const sessionId = (await startSession({ userId: student.id, userAgent: "Doomed" })).sessionId;
    const { secret } = await createApiToken({ actorId: student.id, name: "script" });
    const email = `${fixture.prefix}-studenta1@example.test`;

    await expect(
      deleteAccount({ actorId: student.id, input: { currentPassword: "wrong", confirmation: "delete my account" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await listener.settle();
    await deleteAccount({ actorId: student.id, input: { currentPassword: PASSWORD, confirmation: "delete my account" } });

    const kept = await getDb().annotation.findUniqueOrThrow({
      where: { id: shared.id },
      select: { author: { select: { name: true, email: true } } },
    });
    expect(kept.author.name).toBe(DELETED_USER_NAME);
    expect(kept.author.email).not.toContain(fixture.prefix);
    expect(await getDb().annotation.count({ where: { id: reply.id } })).toBe(1);
    expect(await getDb().annotation.count({ where: { id: note.id } })).toBe(0);
    expect(await getDb().membership.count({ where: { userId: student.id } })).toBe(0);
    expect(await findSessionActor({ userId: student.id, sessionId })).toBeNull();
    expect(await authenticateApiToken(secret)).toBeNull();
    await expect(verifyCredentials({ email, password: PASSWORD, ipAddress: newClientAddress() })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(await listener.settle()).toEqual(
      expect.arrayContaining([
        { kind: "membership", userId: student.id, courseId: fixture.courseId },
        { kind: "user", userId: student.id },
      ]),
    );
  });

  it("[DELETE] the last instructor of a course others are in must hand it over first; a course one is alone in goes with the account", async () => {
    await expect(
      deleteAccount({ actorId: fixture.users.instructor.id, input: { currentPassword: PASSWORD, confirmation: "delete my account" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("last instructor") });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: fixture.users.instructor.id } })).deletedAt).toBeNull();

    // The outsider is the only member of the other course.
    await deleteAccount({ actorId: fixture.users.outsider.id, input: { currentPassword: PASSWORD, confirmation: "Delete my account" } });
    expect(await getDb().course.count({ where: { id: fixture.otherCourseId } })).toBe(0);
  });
});
