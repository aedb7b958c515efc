import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getServerEnv, type ServerEnv } from "../env.ts";

// Scholia's LTI private keys are stored sealed: AES-256-GCM under a key from the environment
// (LTI_KEY_ENCRYPTION_KEY, else derived from NEXTAUTH_SECRET — `npm start` makes one of those
// on a laptop), with the key id as associated data so a sealed key cannot be moved to another
// row. A database dump alone no longer lets anyone sign as Scholia to an LMS.
//
// The secret can change: keys sealed under the one before (LTI_KEY_ENCRYPTION_KEY_PREVIOUS; and
// NEXTAUTH_SECRET once LTI_KEY_ENCRYPTION_KEY is set) still open, and are sealed again under the
// current one (load-tool-signing-key.ts), after which the previous secret can be unset.

const VERSION = "v1";
// Only development and test runs without either secret: never production.
const DEVELOPMENT_SECRET = "scholia-development-only-lti-key-encryption-secret";

/** The key that seals, and the keys that may still open what was sealed before. */
export type ToolKeyRing = { current: Buffer; previous: Buffer[] };

export class SealedKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealedKeyError";
  }
}

type SealingEnv = Pick<ServerEnv, "NODE_ENV" | "NEXTAUTH_SECRET" | "LTI_KEY_ENCRYPTION_KEY" | "LTI_KEY_ENCRYPTION_KEY_PREVIOUS">;

export function toolKeyRing(env: SealingEnv = getServerEnv()): ToolKeyRing {
  const isProduction = env.NODE_ENV === "production";
  const secret = env.LTI_KEY_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET ?? (isProduction ? undefined : DEVELOPMENT_SECRET);
  if (!secret)
    throw new SealedKeyError(
      "Scholia's LTI keys cannot be used: set LTI_KEY_ENCRYPTION_KEY (or NEXTAUTH_SECRET), the secret they are encrypted with, and restart.",
    );
  const previous = [
    env.LTI_KEY_ENCRYPTION_KEY_PREVIOUS,
    // Adopting LTI_KEY_ENCRYPTION_KEY after running on NEXTAUTH_SECRET needs no other step.
    env.LTI_KEY_ENCRYPTION_KEY ? env.NEXTAUTH_SECRET : undefined,
    isProduction ? undefined : DEVELOPMENT_SECRET,
  ].filter((value): value is string => value !== undefined && value !== secret);
  return { current: deriveKey(secret), previous: [...new Set(previous)].map(deriveKey) };
}

function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "scholia", "lti-tool-key-encryption-v1", 32));
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url), bound to `keyId`. */
export function sealPrivateKey(plaintext: string, keyId: string, key: Buffer = toolKeyRing().current): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(keyId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plaintext, or SealedKeyError when the envelope was altered, moved or sealed under another key. */
export function openSealedPrivateKey(sealed: string, keyId: string, key: Buffer = toolKeyRing().current): string {
  const [version, iv, ciphertext, tag, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || ciphertext === undefined || !tag || rest.length > 0)
    throw new SealedKeyError(`The LTI key ${keyId} is not stored as a sealed key.`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(keyId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedKeyError(`The LTI key ${keyId} cannot be decrypted with this key.`);
  }
}

/**
 * Opens a sealed key with the ring: the plaintext, and whether it was sealed under a previous
 * secret (then the caller seals it again under the current one). SealedKeyError, worded for the
 * operator, when no secret of the ring opens it.
 */
export function openWithKeyRing(sealed: string, keyId: string, ring: ToolKeyRing): { plaintext: string; isStale: boolean } {
  for (const [index, key] of [ring.current, ...ring.previous].entries()) {
    try {
      return { plaintext: openSealedPrivateKey(sealed, keyId, key), isStale: index > 0 };
    } catch (error) {
      if (!(error instanceof SealedKeyError)) throw error;
    }
  }
  throw new SealedKeyError(
    `Scholia's LTI key ${keyId} cannot be decrypted: LTI_KEY_ENCRYPTION_KEY (or NEXTAUTH_SECRET) is not the secret it was sealed with. ` +
      "If the secret was changed, set LTI_KEY_ENCRYPTION_KEY_PREVIOUS to the one before and restart: the keys are sealed again under the new one. " +
      "If that secret is lost, rotate the key on the operator's LTI page: the new key signs once LMSs have fetched it.",
  );
}
