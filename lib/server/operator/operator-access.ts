import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { getServerEnv } from "../env.ts";

// The instance's operator — whoever runs it — opens /operator (the mail outbox, dead mail) with
// OPERATOR_KEY, which `npm start` generates into .data/operator-key and prints. Without the key
// configured the pages do not exist (404). Entering the key sets a cookie holding a MAC of it,
// never the key itself; changing the key signs every operator out.

export const OPERATOR_COOKIE = "scholia_operator";

function macOf(key: string): string {
  return createHmac("sha256", key).update("scholia-operator-session").digest("base64url");
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function isOperatorConfigured(): boolean {
  return getServerEnv().OPERATOR_KEY !== undefined;
}

/** The cookie value for a correct key; null for a wrong one (or none configured). */
export function operatorCookieFor(candidateKey: string): string | null {
  const key = getServerEnv().OPERATOR_KEY;
  if (!key || !equal(candidateKey, key)) return null;
  return macOf(key);
}

/** Whether this request comes from the operator (their cookie matches the configured key). */
export async function isOperatorRequest(): Promise<boolean> {
  const key = getServerEnv().OPERATOR_KEY;
  if (!key) return false;
  const presented = (await cookies()).get(OPERATOR_COOKIE)?.value;
  return presented !== undefined && equal(presented, macOf(key));
}
