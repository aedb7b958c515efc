import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { enqueueMailJobs, type MailJobData } from "../jobs/job-queue.ts";

/**
 * Gives dead mail (FAILED: its retries ran out) another round of retries, for the operator once
 * the mail server works again: the delivery is PENDING again and its job queued anew, in one
 * transaction. `deliveryId` "all" retries every failed delivery.
 */
export async function retryMailDelivery({ deliveryId }: { deliveryId: string }): Promise<number> {
  return getDb().$transaction(async (tx) => {
    const rows = await tx.mailDelivery.findMany({
      where: { status: "FAILED", ...(deliveryId === "all" ? {} : { id: deliveryId }) },
      select: { id: true, job: true },
    });
    if (rows.length === 0 && deliveryId !== "all") throw new AppError("NOT_FOUND", "No failed email with that id.");
    const retriable = rows.filter((row) => row.job !== null);
    await tx.mailDelivery.updateMany({
      where: { id: { in: retriable.map((row) => row.id) } },
      data: { status: "PENDING", lastError: null },
    });
    await enqueueMailJobs(
      tx,
      retriable.map((row) => row.job as MailJobData),
    );
    return retriable.length;
  });
}
