import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ACCOUNT_LINK_TOKEN_PATTERN } from "../../domain/account-requests.ts";

/** A new link secret: 32 random bytes, base64url (43 characters). */
export function newAccountLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored of a link secret; null for a string that cannot be one (names no request). */
export function hashAccountLinkToken(token: string): string | null {
  if (!ACCOUNT_LINK_TOKEN_PATTERN.test(token)) return null;
  return createHash("sha256").update(token).digest("hex");
}
