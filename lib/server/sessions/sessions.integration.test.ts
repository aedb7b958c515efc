import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db.ts";
import { listenForRevocationsInTests } from "../testing/revocation-listener.ts";
import { endAllMySessions } from "./end-all-my-sessions.ts";
import { endMyOtherSessions } from "./end-my-other-sessions.ts";
import { endMySession } from "./end-my-session.ts";
import { endSession } from "./end-session.ts";
import { endSessionsInTransaction } from "./end-sessions-in-transaction.ts";
import { findSessionActor } from "./find-session-actor.ts";
import { listMySessions } from "./list-my-sessions.ts";
import { MAX_LIVE_SESSIONS_PER_USER, SESSION_MAX_AGE_SECONDS } from "./session-policy.ts";
import { startSession } from "./start-session.ts";

// Server-side sessions (issue #14.12): a cookie names a session row that every request checks,
// and every way of ending sessions announces it on the revocation channel, after commit only.

const prefix = `sess-${randomUUID().slice(0, 8)}`;
const userIds: string[] = [];
const listener = listenForRevocationsInTests();

async function newUser(label: string): Promise<{ id: string; email: string; name: string }> {
  const user = await getDb().user.create({
    data: { email: `${prefix}-${label}-${randomUUID().slice(0, 4)}@example.test`, name: `${label} ${prefix}`, passwordHash: "x" },
    select: { id: true, email: true, name: true },
  });
  userIds.push(user.id);
  return user;
}

const sessionOf = async (userId: string, userAgent = "Mozilla/5.0 (Test)") => (await startSession({ userId, userAgent })).sessionId;

afterAll(async () => {
  await getDb().user.deleteMany({ where: { id: { in: userIds } } });
  await disconnectDb();
});

describe("server-side sessions", () => {
  it("[SESSIONS] a started session authenticates its owner only, with the session id", async () => {
    const owner = await newUser("owner");
    const other = await newUser("other");
    const sessionId = await sessionOf(owner.id);
    expect(await findSessionActor({ userId: owner.id, sessionId })).toEqual({ ...owner, sessionId });
    // A JWT naming someone else's session (it cannot be forged, but the check does not rely on it).
    expect(await findSessionActor({ userId: other.id, sessionId })).toBeNull();
    expect(await findSessionActor({ userId: owner.id, sessionId: randomUUID() })).toBeNull();
  });

  it("[SESSIONS] sign-out ends the session: the same cookie is refused afterwards, and the end is announced after commit", async () => {
    const user = await newUser("signout");
    const sessionId = await sessionOf(user.id);
    const keptId = await sessionOf(user.id);
    await endSession({ userId: user.id, sessionId });
    expect(await findSessionActor({ userId: user.id, sessionId })).toBeNull();
    expect(await findSessionActor({ userId: user.id, sessionId: keptId })).not.toBeNull();
    expect(await listener.settle()).toEqual([{ kind: "session", userId: user.id, sessionId }]);
    // Signing out twice (an old tab) is harmless and announces nothing more.
    await endSession({ userId: user.id, sessionId });
    expect(await listener.settle()).toEqual([]);
  });

  it("[SESSIONS] ending sessions in a transaction that rolls back ends nothing and announces nothing", async () => {
    const user = await newUser("rollback");
    const sessionId = await sessionOf(user.id);
    await expect(
      getDb().$transaction(async (tx) => {
        await endSessionsInTransaction(tx, { userId: user.id, all: true });
        throw new Error("the password change failed after ending sessions");
      }),
    ).rejects.toThrow("password change failed");
    expect(await findSessionActor({ userId: user.id, sessionId })).not.toBeNull();
    expect(await listener.settle()).toEqual([]);
  });

  it("[SESSIONS] a person ends one of their own sessions; another person's session is NOT_FOUND and stays live", async () => {
    const owner = await newUser("mine");
    const intruder = await newUser("intruder");
    const sessionId = await sessionOf(owner.id);
    await expect(endMySession({ actorId: intruder.id, sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findSessionActor({ userId: owner.id, sessionId })).not.toBeNull();
    expect(await listener.settle()).toEqual([]);

    await endMySession({ actorId: owner.id, sessionId });
    expect(await findSessionActor({ userId: owner.id, sessionId })).toBeNull();
    await expect(endMySession({ actorId: owner.id, sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listener.settle()).toEqual([{ kind: "session", userId: owner.id, sessionId }]);
  });

  it("[SESSIONS] 'sign out everywhere else' keeps the current session and announces each one it ends", async () => {
    const user = await newUser("others");
    const bystander = await newUser("bystander");
    const current = await sessionOf(user.id, "Current browser");
    const laptop = await sessionOf(user.id, "Laptop");
    const phone = await sessionOf(user.id, "Phone");
    const bystanderSession = await sessionOf(bystander.id);

    expect(await endMyOtherSessions({ actorId: user.id, currentSessionId: current })).toBe(2);
    expect(await findSessionActor({ userId: user.id, sessionId: current })).not.toBeNull();
    expect(await findSessionActor({ userId: user.id, sessionId: laptop })).toBeNull();
    expect(await findSessionActor({ userId: user.id, sessionId: phone })).toBeNull();
    expect(await findSessionActor({ userId: bystander.id, sessionId: bystanderSession })).not.toBeNull();
    const announced = await listener.settle();
    expect(announced).toHaveLength(2);
    expect(announced).toEqual(
      expect.arrayContaining([
        { kind: "session", userId: user.id, sessionId: laptop },
        { kind: "session", userId: user.id, sessionId: phone },
      ]),
    );
    expect((await listMySessions({ actorId: user.id, currentSessionId: current })).map((session) => session.userAgent)).toEqual([
      "Current browser",
    ]);
  });

  it("[SESSIONS] 'sign out everywhere' ends every session of the person, announced once as a user revocation", async () => {
    const user = await newUser("everywhere");
    const sessions = [await sessionOf(user.id), await sessionOf(user.id), await sessionOf(user.id)];
    expect(await endAllMySessions({ actorId: user.id })).toBe(3);
    for (const sessionId of sessions) expect(await findSessionActor({ userId: user.id, sessionId })).toBeNull();
    expect(await listener.settle()).toEqual([{ kind: "user", userId: user.id }]);
    expect(await listMySessions({ actorId: user.id, currentSessionId: null })).toEqual([]);
  });

  it("[SESSIONS] the account page's list: live sessions only, most recently used first, the current one marked, no other person's", async () => {
    const user = await newUser("list");
    const other = await newUser("list-other");
    const first = await sessionOf(user.id, "First\u0000browser\nwith controls");
    const second = await sessionOf(user.id, "x".repeat(2_000));
    const ended = await sessionOf(user.id, "Ended");
    await sessionOf(other.id, "Someone else");
    await endSession({ userId: user.id, sessionId: ended });
    // The first is used again later than the second was created.
    await findSessionActor({ userId: user.id, sessionId: first, now: new Date(Date.now() + 5 * 60_000) });

    const listed = await listMySessions({ actorId: user.id, currentSessionId: second });
    expect(listed.map((session) => session.id)).toEqual([first, second]);
    expect(listed.map((session) => session.isCurrent)).toEqual([false, true]);
    expect(listed[0]!.userAgent).toBe("Firstbrowserwith controls");
    expect(listed[1]!.userAgent).toHaveLength(512);
  });

  it("[SESSIONS] lastSeenAt moves at most once a minute, and a session unused for its lifetime is dead", async () => {
    const user = await newUser("seen");
    const sessionId = await sessionOf(user.id);
    const lastSeen = async () => (await getDb().userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime();
    const started = await lastSeen();
    await findSessionActor({ userId: user.id, sessionId, now: new Date(started + 30_000) });
    expect(await lastSeen()).toBe(started);
    const later = new Date(started + 61_000);
    await findSessionActor({ userId: user.id, sessionId, now: later });
    expect(await lastSeen()).toBe(later.getTime());

    const afterLifetime = new Date(later.getTime() + SESSION_MAX_AGE_SECONDS * 1000 + 1_000);
    expect(await findSessionActor({ userId: user.id, sessionId, now: afterLifetime })).toBeNull();
    // Not revived by the attempt.
    expect(await lastSeen()).toBe(later.getTime());
  });

  it("[SESSIONS] a deleted account's session authenticates no one", async () => {
    const user = await newUser("deleted");
    const sessionId = await sessionOf(user.id);
    await getDb().user.delete({ where: { id: user.id } });
    expect(await findSessionActor({ userId: user.id, sessionId })).toBeNull();
  });

  it(`[SESSIONS] at most ${MAX_LIVE_SESSIONS_PER_USER} live sessions per person: signing in again ends the least recently used`, async () => {
    const user = await newUser("many");
    const oldest = await sessionOf(user.id);
    await getDb().userSession.update({ where: { id: oldest }, data: { lastSeenAt: new Date(Date.now() - 60 * 60_000) } });
    for (let index = 0; index < MAX_LIVE_SESSIONS_PER_USER; index += 1) await sessionOf(user.id);
    expect(await getDb().userSession.count({ where: { userId: user.id, endedAt: null } })).toBe(MAX_LIVE_SESSIONS_PER_USER);
    expect(await findSessionActor({ userId: user.id, sessionId: oldest })).toBeNull();
    expect(await listener.settle()).toEqual([{ kind: "session", userId: user.id, sessionId: oldest }]);
  });
});
