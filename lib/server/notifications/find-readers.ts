import "server-only";
import { canReadAnnotation, type AnnotationFacts } from "../../domain/permissions.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Of `userIds`, the course members who may read a post with these facts (one query). A post-first
 * gate does not stop a notification: it decides, when the notification is read, what it shows
 * (listNotifications: "a post mentions you; posting on its paragraph unlocks it", no excerpt), so a
 * student still learns they were named and the gate opens as soon as they post.
 */
export async function findReaders(
  tx: Prisma.TransactionClient,
  facts: Pick<AnnotationFacts, "authorId" | "courseId" | "groupId" | "visibility">,
  userIds: readonly string[],
): Promise<string[]> {
  const candidates = [...new Set(userIds)].filter((id) => id !== facts.authorId);
  if (candidates.length === 0 || facts.courseId === null) return [];
  const memberships = await tx.membership.findMany({
    where: { courseId: facts.courseId, userId: { in: candidates } },
    select: { userId: true, courseId: true, role: true, groupId: true },
  });
  const post = { ...facts, hiddenAt: null, deletedAt: null };
  return memberships
    .filter((membership) => canReadAnnotation({ userId: membership.userId, memberships: [membership] }, post))
    .map((membership) => membership.userId);
}
