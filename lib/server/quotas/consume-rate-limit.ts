import "server-only";
import type { RatePolicy } from "../../domain/write-quota.ts";
import { getDb } from "../db.ts";
import { findRateLimitWait } from "./find-rate-limit-wait.ts";

export type RateLimitVerdict = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

/**
 * Takes one unit from the rate limit named `key` (GCRA, the generic cell rate algorithm): each
 * unit moves the bucket's `fullAt` one step (periodMs / limit) later, starting from now when the
 * bucket is already full; a unit that would push `fullAt` more than one period ahead is refused
 * and changes nothing. So `limit` units pass at once, then one per step.
 *
 * One statement on one row (the upsert locks it), so concurrent requests on any number of app
 * instances are counted exactly; the clock is the database's.
 */
export async function consumeRateLimit(key: string, policy: RatePolicy): Promise<RateLimitVerdict> {
  const db = getDb();
  const stepMs = policy.periodMs / policy.limit;
  const taken = await db.$queryRaw<{ fullAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "fullAt")
    VALUES (${key}, (now() AT TIME ZONE 'UTC') + ${stepMs}::float8 * interval '1 millisecond')
    ON CONFLICT ("key") DO UPDATE
      SET "fullAt" = GREATEST("RateLimitBucket"."fullAt", now() AT TIME ZONE 'UTC') + ${stepMs}::float8 * interval '1 millisecond'
      WHERE GREATEST("RateLimitBucket"."fullAt", now() AT TIME ZONE 'UTC') + ${stepMs}::float8 * interval '1 millisecond'
        <= (now() AT TIME ZONE 'UTC') + ${policy.periodMs}::float8 * interval '1 millisecond'
    RETURNING "fullAt"`;
  if (taken.length > 0) {
    if (Math.random() < 0.005) void pruneFullBuckets();
    return { isAllowed: true };
  }
  return { isAllowed: false, retryAfterSeconds: (await findRateLimitWait(key, policy)) ?? 1 };
}

/** A bucket that has been full for an hour is the same as no bucket. */
async function pruneFullBuckets(): Promise<void> {
  await getDb().$executeRaw`DELETE FROM "RateLimitBucket" WHERE "fullAt" < (now() AT TIME ZONE 'UTC') - interval '1 hour'`.catch(
    () => undefined,
  );
}
