import "server-only";
import type { JWK } from "jose";
import { publishedToolKeys } from "../../domain/lti-tool-keys.ts";
import { getDb } from "../db.ts";
import { ensureToolSigningKey } from "./load-tool-signing-key.ts";
import { SealedKeyError } from "./tool-key-sealing.ts";

/** The key set published at /lti/jwks: upcoming, signing and recently retired keys (lib/domain/lti-tool-keys.ts). */
export async function listToolPublicKeys(): Promise<{ keys: JWK[] }> {
  try {
    await ensureToolSigningKey();
  } catch (error) {
    // The public halves need no secret: the set is still published (the operator's page says what is wrong).
    if (!(error instanceof SealedKeyError)) throw error;
    console.error(`[lti] ${error.message}`);
  }
  const rows = await getDb().ltiToolKey.findMany({ select: { id: true, publicJwk: true, activatesAt: true, retiredAt: true } });
  return { keys: publishedToolKeys(rows, new Date()).map((row) => row.publicJwk as JWK) };
}
