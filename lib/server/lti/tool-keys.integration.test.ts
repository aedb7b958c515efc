import { randomBytes } from "node:crypto";
import { compactVerify, createLocalJWKSet, CompactSign } from "jose";
import { describe, expect, it } from "vitest";
import { getDb } from "../db.ts";
import { type Prisma } from "../generated/prisma/client.ts";
import type { ToolKeyRing } from "./tool-key-sealing.ts";
import { listToolPublicKeys } from "./list-tool-public-keys.ts";
import { ensureToolSigningKey, loadToolSigningKey } from "./load-tool-signing-key.ts";
import { rotateToolKey } from "./rotate-tool-key.ts";
import { findToolKeySealingProblem } from "./list-tool-keys.ts";
import { LtiServiceError } from "./lti-service-error.ts";
import { requestPlatformToken } from "./request-platform-token.ts";
import { openSealedPrivateKey, SealedKeyError, toolKeyRing } from "./tool-key-sealing.ts";

// Scholia's own LTI keys in PostgreSQL: sealed at rest, rotated with the new key published before
// it signs and the old one published after it stops.

async function sign(ring?: ToolKeyRing): Promise<{ kid: string; jws: string }> {
  const { kid, privateKey } = await loadToolSigningKey(ring);
  const jws = await new CompactSign(new TextEncoder().encode("payload")).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
  return { kid, jws };
}

describe("LTI tool keys", () => {
  it("[KEYS] private keys are stored encrypted: no row holds a private exponent in the clear", async () => {
    await ensureToolSigningKey();
    const rows = await getDb().$queryRaw<{ id: string; sealed: string | null; plain: unknown }[]>`
      SELECT id, "sealedPrivateKey" AS sealed, "privateJwk" AS plain FROM "LtiToolKey"`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.plain).toBeNull();
      expect(row.sealed).toMatch(/^v1\./);
      expect(row.sealed).not.toContain('"d"');
    }
  });

  it("[KEYS] a key stored in the clear before encryption at rest is sealed and still signs", async () => {
    const { kid } = await rotateToolKey({ leadMs: 0 });
    const { sealed } = (
      await getDb().$queryRaw<{ sealed: string }[]>`SELECT "sealedPrivateKey" AS sealed FROM "LtiToolKey" WHERE id = ${kid}`
    )[0]!;
    // Put it back as a release before this one stored it.
    const plain = JSON.parse(openSealedPrivateKey(sealed, kid)) as Prisma.InputJsonValue;
    await getDb().ltiToolKey.update({ where: { id: kid }, data: { privateJwk: plain, sealedPrivateKey: null } });
    const signed = await sign();
    expect(signed.kid).toBe(kid);
    const row = await getDb().ltiToolKey.findUniqueOrThrow({ where: { id: kid }, select: { privateJwk: true, sealedPrivateKey: true } });
    expect(row.privateJwk).toBeNull();
    expect(row.sealedPrivateKey).toMatch(/^v1\./);
    await compactVerify(signed.jws, createLocalJWKSet(await listToolPublicKeys()));
  });

  it("[KEYS] Rotate: the new key is in the JWKS before it signs; after the switch the old one is still published", async () => {
    const { kid: current } = await rotateToolKey({ leadMs: 0 });
    const before = await sign();
    expect(before.kid).toBe(current);

    const { kid: next, activatesAt } = await rotateToolKey({ leadMs: 60 * 60_000 });
    expect(activatesAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    const published = (await listToolPublicKeys()).keys.map((key) => key.kid);
    expect(published).toContain(next);
    expect(published).toContain(current);
    // Still the old key signs: the LMS may not have fetched the new one yet.
    expect((await sign()).kid).toBe(current);

    // The hour passes.
    await getDb().ltiToolKey.update({ where: { id: next }, data: { activatesAt: new Date(Date.now() - 1000) } });
    await getDb().ltiToolKey.update({ where: { id: current }, data: { retiredAt: new Date(Date.now() - 1000) } });
    const after = await sign();
    expect(after.kid).toBe(next);
    const keySet = await listToolPublicKeys();
    expect(keySet.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([current, next]));
    // A token signed just before the switch still verifies against the published set.
    await compactVerify(before.jws, createLocalJWKSet(keySet));
    await compactVerify(after.jws, createLocalJWKSet(keySet));
    for (const key of keySet.keys) expect(key).not.toHaveProperty("d");
  });

  it("[KEYS] a new encryption secret: keys sealed under the previous one open, are sealed again under the new one, and sign", async () => {
    const secrets = {
      old: randomBytes(32).toString("base64"),
      next: randomBytes(32).toString("base64"),
      wrong: randomBytes(32).toString("base64"),
    };
    const env = (current: string, previous?: string) =>
      toolKeyRing({
        NODE_ENV: "production",
        NEXTAUTH_SECRET: undefined,
        LTI_KEY_ENCRYPTION_KEY: current,
        LTI_KEY_ENCRYPTION_KEY_PREVIOUS: previous,
      });
    const sealedOf = async (kid: string) =>
      (await getDb().ltiToolKey.findUniqueOrThrow({ where: { id: kid }, select: { sealedPrivateKey: true } })).sealedPrivateKey!;
    try {
      // Scholia ran with the old secret: its signing key is sealed under it.
      const { kid } = await rotateToolKey({ leadMs: 0, ring: env(secrets.old) });
      const underOld = await sealedOf(kid);

      // The operator sets the new secret and gives the old one as the previous.
      const signed = await sign(env(secrets.next, secrets.old));
      expect(signed.kid).toBe(kid);
      await compactVerify(signed.jws, createLocalJWKSet(await listToolPublicKeys()));
      const resealed = await sealedOf(kid);
      expect(resealed).not.toBe(underOld);
      expect(() => openSealedPrivateKey(resealed, kid, env(secrets.old).current)).toThrow(SealedKeyError);
      expect(openSealedPrivateKey(resealed, kid, env(secrets.next).current)).toBe(
        openSealedPrivateKey(underOld, kid, env(secrets.old).current),
      );
      // The previous secret is no longer needed.
      expect((await sign(env(secrets.next))).kid).toBe(kid);

      // A secret that is not the one: a clear error for the operator, and nothing changed.
      const refused = loadToolSigningKey(env(secrets.wrong));
      await expect(refused).rejects.toThrow(SealedKeyError);
      await expect(refused).rejects.toThrow(/cannot be decrypted.*LTI_KEY_ENCRYPTION_KEY_PREVIOUS/);
      expect(await sealedOf(kid)).toBe(resealed);
      // No secret at all in production: the same kind of error, never a crash.
      expect(() =>
        toolKeyRing({
          NODE_ENV: "production",
          NEXTAUTH_SECRET: undefined,
          LTI_KEY_ENCRYPTION_KEY: undefined,
          LTI_KEY_ENCRYPTION_KEY_PREVIOUS: undefined,
        }),
      ).toThrow(/set LTI_KEY_ENCRYPTION_KEY \(or NEXTAUTH_SECRET\)/);

      // This process's own secret is not the one either: the operator's page says so, the key set is
      // still published, and grade passback fails as a retryable LMS-service error with the same words.
      expect(await findToolKeySealingProblem()).toMatch(/LTI_KEY_ENCRYPTION_KEY_PREVIOUS/);
      expect((await listToolPublicKeys()).keys.map((key) => key.kid)).toContain(kid);
      const token = requestPlatformToken({ id: `platform-${kid}`, clientId: "client", accessTokenUrl: "http://127.0.0.1:9/token" }, [
        "scope",
      ]);
      await expect(token).rejects.toThrow(LtiServiceError);
      await expect(token).rejects.toThrow(/cannot be decrypted/);
    } finally {
      // Back to a key this process's secret opens.
      await rotateToolKey({ leadMs: 0 });
    }
    expect(await findToolKeySealingProblem()).toBeNull();
  });
});
