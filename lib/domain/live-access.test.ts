import { describe, expect, it } from "vitest";
import { isRevokedBy, parseRevocation, type Revocation, type StreamAccess } from "./live-access.ts";

const bySession: StreamAccess = { userId: "u1", courseId: "c1", credential: { kind: "session", sessionId: "s1" } };
const byOtherSession: StreamAccess = { userId: "u1", courseId: "c1", credential: { kind: "session", sessionId: "s2" } };
const byToken: StreamAccess = { userId: "u1", courseId: "c1", credential: { kind: "token", tokenId: "t1" } };
const ownNotes: StreamAccess = { userId: "u1", courseId: null, credential: { kind: "session", sessionId: "s1" } };
const someoneElse: StreamAccess = { userId: "u2", courseId: "c1", credential: { kind: "session", sessionId: "s1" } };

describe("isRevokedBy", () => {
  it("[REVOCATION] ending a session ends the streams that session opened, not the person's other sessions or tokens", () => {
    const revocation: Revocation = { kind: "session", userId: "u1", sessionId: "s1" };
    expect(isRevokedBy(bySession, revocation)).toBe(true);
    expect(isRevokedBy(ownNotes, revocation)).toBe(true);
    expect(isRevokedBy(byOtherSession, revocation)).toBe(false);
    expect(isRevokedBy(byToken, revocation)).toBe(false);
    expect(isRevokedBy(someoneElse, revocation)).toBe(false);
  });

  it("[REVOCATION] revoking a token ends only the streams opened with that token", () => {
    const revocation: Revocation = { kind: "token", userId: "u1", tokenId: "t1" };
    expect(isRevokedBy(byToken, revocation)).toBe(true);
    expect(isRevokedBy({ ...byToken, credential: { kind: "token", tokenId: "t2" } }, revocation)).toBe(false);
    expect(isRevokedBy(bySession, revocation)).toBe(false);
    expect(isRevokedBy({ ...byToken, userId: "u2" }, revocation)).toBe(false);
  });

  it("[REVOCATION] ending everything of a person ends all their streams, whatever opened them, and nobody else's", () => {
    const revocation: Revocation = { kind: "user", userId: "u1" };
    for (const access of [bySession, byOtherSession, byToken, ownNotes]) expect(isRevokedBy(access, revocation)).toBe(true);
    expect(isRevokedBy(someoneElse, revocation)).toBe(false);
  });

  it("[REVOCATION] removal from a course ends the person's streams of that course only", () => {
    const revocation: Revocation = { kind: "membership", userId: "u1", courseId: "c1" };
    expect(isRevokedBy(bySession, revocation)).toBe(true);
    expect(isRevokedBy(byToken, revocation)).toBe(true);
    expect(isRevokedBy(ownNotes, revocation)).toBe(false);
    expect(isRevokedBy({ ...bySession, courseId: "c2" }, revocation)).toBe(false);
    expect(isRevokedBy(someoneElse, revocation)).toBe(false);
  });
});

describe("parseRevocation", () => {
  it("reads each kind of revocation", () => {
    const kinds: Revocation[] = [
      { kind: "session", userId: "u", sessionId: "s" },
      { kind: "user", userId: "u" },
      { kind: "token", userId: "u", tokenId: "t" },
      { kind: "membership", userId: "u", courseId: "c" },
    ];
    for (const revocation of kinds) expect(parseRevocation(JSON.stringify(revocation))).toEqual(revocation);
  });

  it("ignores anything else: no payload, not JSON, not an object, an unknown kind, missing or mistyped fields", () => {
    for (const payload of [
      undefined,
      "",
      "{",
      "null",
      "42",
      '"user"',
      "[]",
      JSON.stringify({ kind: "user" }),
      JSON.stringify({ kind: "everyone", userId: "u" }),
      JSON.stringify({ kind: "session", userId: "u" }),
      JSON.stringify({ kind: "token", userId: "u", tokenId: 7 }),
      JSON.stringify({ kind: "membership", userId: 1, courseId: "c" }),
    ]) {
      expect(parseRevocation(payload), String(payload)).toBeNull();
    }
  });

  it("keeps only the fields of its kind", () => {
    expect(parseRevocation(JSON.stringify({ kind: "user", userId: "u", courseId: "c", extra: true }))).toEqual({
      kind: "user",
      userId: "u",
    });
  });
});
