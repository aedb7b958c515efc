import { z } from "zod";

// Personal API tokens: what a secret looks like and how a request carries it. The secret is
// "sch_" and 32 random bytes in base64url (43 characters); the prefix makes a leaked token
// recognisable to secret scanners and to the person who finds it in a log.

export const API_TOKEN_PREFIX = "sch_";
/** Characters of the secret kept in clear to tell tokens apart in the settings list. */
export const API_TOKEN_DISPLAY_LENGTH = API_TOKEN_PREFIX.length + 6;
export const MAX_API_TOKENS_PER_USER = 20;

const TOKEN_SHAPE = /^sch_[A-Za-z0-9_-]{43}$/;

/** True when the string has the shape of a Scholia token (cheap check before any lookup). */
export function isApiTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * The credentials of an `Authorization: Bearer <token>` header (RFC 6750 §2.1): null when the
 * header is absent or uses another scheme, "" when it is Bearer with nothing usable after it.
 */
export function parseBearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^\s*Bearer(?:\s+(.*))?$/i.exec(header);
  if (!match) return null;
  return (match[1] ?? "").trim();
}

export const apiTokenNameSchema = z
  .string({ error: "Give the token a name." })
  .trim()
  .min(1, "Give the token a name, such as the program that will use it.")
  .max(60, "Keep the name under 60 characters.")
  // Matches control characters on purpose, to refuse them.
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001F\u007F]/.test(name), "The name cannot contain control characters.");
