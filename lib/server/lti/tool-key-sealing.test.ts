import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSealedPrivateKey, openWithKeyRing, sealPrivateKey, SealedKeyError, toolKeyRing } from "./tool-key-sealing.ts";

describe("LTI private keys sealed at rest", () => {
  const key = randomBytes(32);
  const secret = JSON.stringify({ kty: "RSA", d: "private-exponent" });

  it("[SEALING] a sealed key opens with its key id and holds no plaintext", () => {
    const sealed = sealPrivateKey(secret, "kid-1", key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("private-exponent");
    expect(openSealedPrivateKey(sealed, "kid-1", key)).toBe(secret);
    // A fresh IV each time.
    expect(sealPrivateKey(secret, "kid-1", key)).not.toBe(sealed);
  });

  it("[SEALING] another encryption key, another key id, or an altered byte is refused", () => {
    const sealed = sealPrivateKey(secret, "kid-1", key);
    expect(() => openSealedPrivateKey(sealed, "kid-1", randomBytes(32))).toThrow(SealedKeyError);
    expect(() => openSealedPrivateKey(sealed, "kid-2", key)).toThrow(SealedKeyError);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[2]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString("base64url");
    expect(() => openSealedPrivateKey(parts.join("."), "kid-1", key)).toThrow(SealedKeyError);
    expect(() => openSealedPrivateKey("plain text", "kid-1", key)).toThrow(SealedKeyError);
  });
});

describe("The encryption secrets of the LTI keys", () => {
  const base = {
    NODE_ENV: "production" as const,
    NEXTAUTH_SECRET: undefined,
    LTI_KEY_ENCRYPTION_KEY: undefined,
    LTI_KEY_ENCRYPTION_KEY_PREVIOUS: undefined,
  };
  const sealedUnder = (env: Parameters<typeof toolKeyRing>[0]) => sealPrivateKey("secret", "kid", toolKeyRing(env).current);

  it("[SEALING] LTI_KEY_ENCRYPTION_KEY_PREVIOUS, and NEXTAUTH_SECRET once LTI_KEY_ENCRYPTION_KEY is set, still open keys", () => {
    const ring = toolKeyRing({
      ...base,
      LTI_KEY_ENCRYPTION_KEY: "n".repeat(32),
      LTI_KEY_ENCRYPTION_KEY_PREVIOUS: "o".repeat(32),
      NEXTAUTH_SECRET: "auth",
    });
    expect(openWithKeyRing(sealedUnder({ ...base, LTI_KEY_ENCRYPTION_KEY: "n".repeat(32) }), "kid", ring)).toEqual({
      plaintext: "secret",
      isStale: false,
    });
    expect(openWithKeyRing(sealedUnder({ ...base, LTI_KEY_ENCRYPTION_KEY: "o".repeat(32) }), "kid", ring)).toEqual({
      plaintext: "secret",
      isStale: true,
    });
    expect(openWithKeyRing(sealedUnder({ ...base, NEXTAUTH_SECRET: "auth" }), "kid", ring)).toEqual({ plaintext: "secret", isStale: true });
    expect(() => openWithKeyRing(sealedUnder({ ...base, LTI_KEY_ENCRYPTION_KEY: "x".repeat(32) }), "kid", ring)).toThrow(
      /LTI_KEY_ENCRYPTION_KEY_PREVIOUS/,
    );
  });

  it("[SEALING] production without a secret is refused with what to set; development has its own", () => {
    expect(() => toolKeyRing(base)).toThrow(SealedKeyError);
    expect(() => toolKeyRing(base)).toThrow(/set LTI_KEY_ENCRYPTION_KEY \(or NEXTAUTH_SECRET\)/);
    const development = toolKeyRing({ ...base, NODE_ENV: "development" });
    // A secret set later still opens what development sealed.
    const sealed = sealPrivateKey("secret", "kid", development.current);
    expect(openWithKeyRing(sealed, "kid", toolKeyRing({ ...base, NODE_ENV: "development", NEXTAUTH_SECRET: "now" })).isStale).toBe(true);
  });
});
