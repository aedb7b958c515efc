import "server-only";
import { postCapMessage } from "../../domain/write-quota.ts";
import { AppError } from "../app-error.ts";
import { sqlState } from "../database-errors.ts";
import { getServerEnv } from "../env.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** The transaction's setting the post-cap trigger reads (migration `post_cap_at_commit`). */
export const POST_CAP_SETTING = "scholia.post_cap";

/** The SQLSTATE the post-cap trigger raises. */
const POST_CAP_STATE = "SC409";

/**
 * Arms the cap on posts for this transaction: at COMMIT, PostgreSQL refuses it when the author of
 * a post it inserted would have more than SCHOLIA_MAX_POSTS_PER_READING posts, not deleted, on
 * that reading in that context (a course, or their own notes). The trigger takes the lock on that
 * author, reading and context, counts and commits inside the server, so parallel posts cannot pass
 * the cap together and the lock is never held across a round trip to this process (issue #12: it
 * was, and one person's posts queued behind each other for seconds under load). Run the
 * transaction through `withPostCap` so the refusal becomes a 409 with a message.
 */
export async function armPostCap(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT set_config(${POST_CAP_SETTING}, ${postCapValue()}, true)`;
}

/** The cap as the setting holds it (lockReadingText arms it along with its lock). */
export function postCapValue(): string {
  return String(getServerEnv().SCHOLIA_MAX_POSTS_PER_READING);
}

/** Runs a creating transaction (which called armPostCap) and turns the trigger's refusal into CONFLICT. */
export async function withPostCap<T>(isCourse: boolean, transaction: () => Promise<T>): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    if (isPostCapRefusal(error)) throw new AppError("CONFLICT", postCapMessage(getServerEnv().SCHOLIA_MAX_POSTS_PER_READING, isCourse));
    throw error;
  }
}

function isPostCapRefusal(error: unknown): boolean {
  return sqlState(error) === POST_CAP_STATE;
}
