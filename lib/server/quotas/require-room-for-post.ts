import "server-only";
import { postCapMessage } from "../../domain/write-quota.ts";
import { AppError } from "../app-error.ts";
import { getServerEnv } from "../env.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Refuses a new post (CONFLICT, 409) when its author would have more than
 * SCHOLIA_MAX_POSTS_PER_READING posts, not deleted, on this reading in this context (a course, or
 * their own notes when `courseId` is null). Call it last in the creating transaction, after the
 * post is inserted (it is counted): the lock on that author, reading and context that keeps
 * parallel requests from passing the cap together is then held only for this count and the
 * commit, not across the insert and the rest of the write (issue #12), and the count stops at
 * the cap.
 */
export async function requireRoomForPost(
  tx: Prisma.TransactionClient,
  { authorId, readingId, courseId }: { authorId: string; readingId: string; courseId: string | null },
): Promise<void> {
  const maxPosts = getServerEnv().SCHOLIA_MAX_POSTS_PER_READING;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`post-cap:${authorId}:${readingId}:${courseId ?? "notes"}`}))`;
  const count = await tx.annotation.count({ where: { authorId, readingId, courseId, deletedAt: null }, take: maxPosts + 1 });
  if (count > maxPosts) throw new AppError("CONFLICT", postCapMessage(maxPosts, courseId !== null));
}
