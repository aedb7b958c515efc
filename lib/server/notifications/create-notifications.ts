import "server-only";
import type { NotificationType } from "../../domain/notification-content.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { enqueueMailJobs } from "../jobs/job-queue.ts";

/**
 * Records in-app notifications about a post and queues their emails, inside the caller's
 * transaction: the email exists exactly when the notification does. Whether and what to send is
 * decided when the job runs (preferences, and the permission core on the post as it is then).
 * Cost: one INSERT … RETURNING for the notifications and one INSERT for all their mail jobs;
 * nothing when there is no recipient. A notification that already exists (same person, type
 * and post) is neither recorded nor emailed again.
 */
export async function createNotifications(
  tx: Prisma.TransactionClient,
  {
    annotationId,
    actorId,
    recipients,
  }: { annotationId: string; actorId: string; recipients: readonly { userId: string; type: NotificationType }[] },
): Promise<void> {
  if (recipients.length === 0) return;
  const created = await tx.notification.createManyAndReturn({
    data: recipients.map((recipient) => ({ userId: recipient.userId, type: recipient.type, annotationId, actorId })),
    skipDuplicates: true,
    select: { id: true, userId: true },
  });
  await enqueueMailJobs(
    tx,
    created.map((notification) => ({ kind: "notification" as const, notificationId: notification.id, recipientId: notification.userId })),
  );
}
