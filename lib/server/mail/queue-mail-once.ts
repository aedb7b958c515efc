import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { enqueueMailJobs, type MailJobData } from "../jobs/job-queue.ts";
import { describeMailJob } from "./mail-job-keys.ts";

/**
 * Queues emails that must go out once each (a digest, a reminder), inside `tx`: each job's
 * MailDelivery row is created with its key, and only the jobs whose row is new are queued, so a
 * tick that runs twice, or on two instances at once, queues each email once. Row and job commit
 * together. Returns the keys queued now.
 */
export async function queueMailOnce(tx: Prisma.TransactionClient, jobs: readonly MailJobData[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const described = jobs.map((data) => ({ data, ...describeMailJob(data) }));
  const created = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "MailDelivery" ("id", "key", "kind", "recipientId", "notificationId", "job", "updatedAt")
    SELECT 'mail_' || replace(gen_random_uuid()::text, '-', ''), wanted.key, wanted.kind::"MailKind", wanted."recipientId", NULL, wanted.job, now()
    FROM unnest(${described.map((job) => job.key)}::text[], ${described.map((job) => job.kind)}::text[],
                ${described.map((job) => job.recipientId)}::text[], ${described.map((job) => JSON.stringify(job.data))}::jsonb[])
         AS wanted(key, kind, "recipientId", job)
    JOIN "User" u ON u."id" = wanted."recipientId"
    ON CONFLICT ("key") DO NOTHING
    RETURNING "key"`;
  const fresh = new Set(created.map((row) => row.key));
  await enqueueMailJobs(
    tx,
    described.filter((job) => fresh.has(job.key)).map((job) => job.data),
  );
  return [...fresh];
}
