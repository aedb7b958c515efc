import "server-only";
import type { RatePolicy } from "../../domain/write-quota.ts";
import { getDb } from "../db.ts";

/**
 * How many seconds until the rate limit named `key` would let one more unit through, or null
 * when it would now. Reads only: for limits charged after the fact (a failed attempt is only
 * known to have failed afterwards), see consumeRateLimit.
 */
export async function findRateLimitWait(key: string, policy: RatePolicy): Promise<number | null> {
  const stepMs = policy.periodMs / policy.limit;
  const [row] = await getDb().$queryRaw<{ seconds: number }[]>`
    SELECT EXTRACT(EPOCH FROM "fullAt" - (now() AT TIME ZONE 'UTC'))::float8
           - ${(policy.periodMs - stepMs) / 1000}::float8 AS seconds
    FROM "RateLimitBucket" WHERE "key" = ${key}`;
  if (!row || row.seconds <= 0) return null;
  return Math.max(1, Math.ceil(row.seconds));
}
