import "server-only";
import { API_TOKEN_FAILURE_POLICY, apiTokenFailureMessage } from "../../domain/write-quota.ts";
import { isApiTokenShape } from "../../domain/api-token.ts";
import { AppError } from "../app-error.ts";
import type { Actor } from "../auth/get-actor.ts";
import { consumeRateLimit } from "../quotas/consume-rate-limit.ts";
import { findRateLimitWait } from "../quotas/find-rate-limit-wait.ts";
import { authenticateApiToken } from "./authenticate-api-token.ts";

/**
 * authenticateApiToken, with failures limited per client address (API_TOKEN_FAILURE_POLICY):
 * every unknown or revoked token of the right shape counts, and an address past the limit is
 * refused (RATE_LIMITED, 429 with Retry-After) before any token is looked up, a valid one too,
 * until the limit refills. A malformed token costs no lookup and can never match, so it is a
 * plain 401 and not counted.
 */
export async function authenticateApiTokenWithinLimit(
  secret: string,
  clientAddress: string,
): Promise<(Actor & { tokenId: string }) | null> {
  if (!isApiTokenShape(secret)) return null;
  const key = `api-token-failure:address:${clientAddress}`;
  const wait = await findRateLimitWait(key, API_TOKEN_FAILURE_POLICY);
  if (wait !== null) throw new AppError("RATE_LIMITED", apiTokenFailureMessage(wait), { retryAfterSeconds: wait });
  const actor = await authenticateApiToken(secret);
  if (!actor) await consumeRateLimit(key, API_TOKEN_FAILURE_POLICY);
  return actor;
}
