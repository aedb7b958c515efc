import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { API_TOKEN_DISPLAY_LENGTH, API_TOKEN_PREFIX } from "../../domain/api-token.ts";

/** A new secret: "sch_" + 32 random bytes, base64url. Only its hash is stored. */
export function generateApiTokenSecret(): { secret: string; prefix: string; tokenHash: string } {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, API_TOKEN_DISPLAY_LENGTH), tokenHash: hashApiToken(secret) };
}

/** SHA-256, hex. A secret of 256 random bits needs no salt or slow hash: it cannot be guessed. */
export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
