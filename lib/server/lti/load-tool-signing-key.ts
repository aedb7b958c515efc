import "server-only";
import { importJWK, type CryptoKey, type JWK } from "jose";
import { signingToolKey } from "../../domain/lti-tool-keys.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { rotateToolKey } from "./rotate-tool-key.ts";
import { openWithKeyRing, sealPrivateKey, SealedKeyError, toolKeyRing, type ToolKeyRing } from "./tool-key-sealing.ts";

export type ToolSigningKey = { kid: string; privateKey: CryptoKey };

/**
 * The id of the key that signs now, made when there is none (a fresh install, or every key
 * retired). Keys stored before encryption at rest are sealed here, the first time it runs, and
 * keys sealed under a previous secret (tool-key-sealing.ts) are sealed again under the current one.
 * A key no secret of the ring opens is left as it is (loadToolSigningKey says so, if it must sign).
 */
export async function ensureToolSigningKey(ring: ToolKeyRing = toolKeyRing()): Promise<string> {
  const db = getDb();
  const keys = await db.ltiToolKey.findMany({ select: { id: true, activatesAt: true, retiredAt: true, sealedPrivateKey: true } });
  const now = new Date();
  for (const key of keys) {
    if (key.sealedPrivateKey === null) await sealLegacyKey(key.id, ring);
    // Retired keys never sign again: only the signing and upcoming ones need their private half.
    else if (key.retiredAt === null || key.retiredAt > now) await resealStaleKey(key.id, key.sealedPrivateKey, ring);
  }
  const signing = signingToolKey(keys, now);
  if (signing) return signing.id;
  return (await rotateToolKey({ leadMs: 0, ring })).kid;
}

async function sealLegacyKey(kid: string, ring: ToolKeyRing): Promise<void> {
  const db = getDb();
  const row = await db.ltiToolKey.findUnique({ where: { id: kid }, select: { privateJwk: true, sealedPrivateKey: true } });
  if (!row || row.sealedPrivateKey !== null || row.privateJwk === null) return;
  await db.ltiToolKey.updateMany({
    where: { id: kid, sealedPrivateKey: null },
    data: { sealedPrivateKey: sealPrivateKey(JSON.stringify(row.privateJwk), kid, ring.current), privateJwk: Prisma.DbNull },
  });
}

async function resealStaleKey(kid: string, sealed: string, ring: ToolKeyRing): Promise<void> {
  let opened;
  try {
    opened = openWithKeyRing(sealed, kid, ring);
  } catch (error) {
    if (error instanceof SealedKeyError) return;
    throw error;
  }
  if (!opened.isStale) return;
  // Only if no other instance changed it meanwhile.
  await getDb().ltiToolKey.updateMany({
    where: { id: kid, sealedPrivateKey: sealed },
    data: { sealedPrivateKey: sealPrivateKey(opened.plaintext, kid, ring.current) },
  });
}

/**
 * The private key that signs Scholia's tokens now (client assertions, deep linking responses).
 * SealedKeyError, worded for the operator, when the secret to open it is missing or wrong.
 */
export async function loadToolSigningKey(ring: ToolKeyRing = toolKeyRing()): Promise<ToolSigningKey> {
  const kid = await ensureToolSigningKey(ring);
  const row = await getDb().ltiToolKey.findUniqueOrThrow({ where: { id: kid }, select: { sealedPrivateKey: true } });
  if (!row.sealedPrivateKey)
    throw new SealedKeyError(`Scholia's LTI key ${kid} has no sealed private key: rotate the key on the operator's LTI page.`);
  const jwk = JSON.parse(openWithKeyRing(row.sealedPrivateKey, kid, ring).plaintext) as JWK;
  return { kid, privateKey: (await importJWK(jwk, "RS256")) as CryptoKey };
}
