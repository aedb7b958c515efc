import "server-only";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { randomUUID } from "node:crypto";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";

// Scholia's own signing keys as an LTI tool (it signs client assertions for LTI Advantage
// services and deep linking responses with the newest). The key set URL publishes the current
// key and those retired in the last RETIRED_KEYS_PUBLISHED_MS, so tokens signed just before a
// rotation still verify at the platform.

export const RETIRED_KEYS_PUBLISHED_MS = 7 * 24 * 60 * 60_000;

/** The key set published at /lti/jwks; the first call makes the first key. */
export async function listToolPublicKeys(): Promise<{ keys: JWK[] }> {
  const cutoff = new Date(Date.now() - RETIRED_KEYS_PUBLISHED_MS);
  let rows = await getDb().ltiToolKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: cutoff } }] },
    orderBy: { createdAt: "desc" },
    select: { publicJwk: true, retiredAt: true },
  });
  if (!rows.some((row) => row.retiredAt === null)) {
    await createToolKey();
    rows = await getDb().ltiToolKey.findMany({
      where: { OR: [{ retiredAt: null }, { retiredAt: { gt: cutoff } }] },
      orderBy: { createdAt: "desc" },
      select: { publicJwk: true, retiredAt: true },
    });
  }
  return { keys: rows.map((row) => row.publicJwk as JWK) };
}

/** A new RS256 key pair, the one used from now on; the previous current key is retired. */
export async function createToolKey(): Promise<{ kid: string }> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256" };
  try {
    await getDb().$transaction([
      getDb().ltiToolKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } }),
      getDb().ltiToolKey.create({ data: { id: kid, publicJwk, privateJwk } }),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return { kid };
}
