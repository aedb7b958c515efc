import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "./session-token.ts";

const secret = "a-test-secret-that-is-long-enough-for-next-auth";
const token = { sub: "user-1", sessionId: "session-1", name: "Ana" };

describe("session token", () => {
  it("[SESSION] reads next-auth's tokens and next-auth reads its tokens: the cookie format is next-auth's", async () => {
    const made = await encodeSessionToken({ token, secret, maxAge: 60 });
    expect(await decode({ token: made, secret })).toMatchObject(token);
    const theirs = await encode({ token, secret, maxAge: 60 });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject(token);
  });

  it("[SESSION] a token made with another secret or salt, an expired one and a tampered one are refused; none is null", async () => {
    const made = await encodeSessionToken({ token, secret, maxAge: 60 });
    await expect(decodeSessionToken({ token: made, secret: `${secret}-other` })).rejects.toThrow();
    await expect(decodeSessionToken({ token: made, secret, salt: "other" })).rejects.toThrow();
    const expired = await encodeSessionToken({ token, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
    const tampered = `${made.slice(0, -4)}${made.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    await expect(decodeSessionToken({ token: tampered, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });

  it("[SESSION] with a salt, as next-auth's own encode and decode use it", async () => {
    const made = await encodeSessionToken({ token, secret, salt: "s1", maxAge: 60 });
    expect(await decode({ token: made, secret, salt: "s1" })).toMatchObject(token);
  });
});
