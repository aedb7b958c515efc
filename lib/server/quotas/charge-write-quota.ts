import "server-only";
import { writeRateMessage, writeRatePolicy } from "../../domain/write-quota.ts";
import { AppError } from "../app-error.ts";
import { getServerEnv } from "../env.ts";
import { consumeRateLimit } from "./consume-rate-limit.ts";

/**
 * Counts one write by `userId` against SCHOLIA_WRITES_PER_MINUTE, or refuses it with a
 * RATE_LIMITED AppError (429, Retry-After) whose message the UI shows where the person wrote.
 * Called by the edges that run writes — route() for POST/PUT/PATCH/DELETE, runFormAction,
 * runReadingFormAction — after the input parsed and before the service runs, so every write is
 * counted once and a refused one has done nothing.
 */
export async function chargeWriteQuota({ userId }: { userId: string }): Promise<void> {
  const writesPerMinute = getServerEnv().SCHOLIA_WRITES_PER_MINUTE;
  const verdict = await consumeRateLimit(`write:user:${userId}`, writeRatePolicy(writesPerMinute));
  if (!verdict.isAllowed) {
    throw new AppError("RATE_LIMITED", writeRateMessage(writesPerMinute, verdict.retryAfterSeconds), {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
}
