import "server-only";
import type pg from "pg";
import { getDb } from "../db.ts";
import type { MailJobData } from "../jobs/job-queue.ts";
import { describeMailJob } from "./mail-job-keys.ts";
import { composeAccountMail } from "./compose-account-mail.ts";
import { composeDigestMail } from "./compose-digest-mail.ts";
import { composeDueReminderMail } from "./compose-due-reminder-mail.ts";
import { composeNotificationMail } from "./compose-notification-mail.ts";
import { composeUnansweredDigestMail } from "./compose-unanswered-digest-mail.ts";
import type { ComposedMail } from "./composed-mail.ts";
import type { MailSettings } from "./mail-settings.ts";
import type { MailTransport } from "./mail-transport.ts";

export type MailComposer = (settings: MailSettings, data: MailJobData) => Promise<ComposedMail>;

export const composeMail: MailComposer = async (settings, data) => {
  // A deleted account keeps its row ("Deleted user") but has no address to write to.
  const recipient = await getDb().user.findUnique({
    where: { id: describeMailJob(data).recipientId },
    select: { deletedAt: true, emailVerifiedAt: true },
  });
  if (!recipient || recipient.deletedAt) return { kind: "skip", reason: "The account no longer exists." };
  // An address nobody has confirmed may belong to someone else: it gets account mail (the
  // confirmation itself, a reset) and nothing else, so a sign-up cannot aim notices at a stranger.
  if (data.kind !== "account" && !recipient.emailVerifiedAt) return { kind: "skip", reason: "The address is not confirmed yet." };
  switch (data.kind) {
    case "notification":
      return composeNotificationMail(settings, data.notificationId);
    case "digest":
      return composeDigestMail(settings, data);
    case "due-reminder":
      return composeDueReminderMail(settings, data);
    case "unanswered-digest":
      return composeUnansweredDigestMail(settings, data);
    case "account":
      return composeAccountMail(settings, data.requestId);
  }
};

/** Another worker is sending this very email right now; the job is retried later. */
export class MailDeliveryBusyError extends Error {
  constructor(key: string) {
    super(`Another worker is sending ${key}.`);
    this.name = "MailDeliveryBusyError";
  }
}

/** The SMTP server could not be reached or refused the message: worth retrying later. */
export class MailTransportError extends Error {
  constructor(cause: unknown) {
    super(`Sending failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "MailTransportError";
  }
}

export type DeliveryOutcome = "sent" | "skipped" | "already-sent" | "already-skipped" | "already-failed";

/**
 * Sends the email of one job at most once. Its MailDelivery row (created on the first attempt)
 * is locked FOR UPDATE while the transport takes the message, and marked SENT in the same
 * transaction: a second worker holding the same job finds it locked (busy: retried later) or no
 * longer PENDING (nothing to do). If this worker dies mid-send, its connection closes, the
 * transaction rolls back and the row is PENDING again for the retry — the only window for a
 * duplicate is a crash between the server's "250 OK" and the COMMIT reaching PostgreSQL.
 * A transport failure records the attempt and throws, so the queue retries with backoff.
 */
export async function deliverMail({
  pool,
  transport,
  settings,
  data,
  compose = composeMail,
}: {
  pool: pg.Pool;
  transport: MailTransport;
  settings: MailSettings;
  data: MailJobData;
  compose?: MailComposer;
}): Promise<DeliveryOutcome> {
  const delivery = describeMailJob(data);
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "MailDelivery" ("id", "key", "kind", "recipientId", "notificationId", "job", "updatedAt")
       SELECT 'mail_' || replace(gen_random_uuid()::text, '-', ''), $1, $2::"MailKind", u."id", $4, $5::jsonb, now()
       FROM (SELECT $3::text AS "id") AS wanted LEFT JOIN "User" u ON u."id" = wanted."id"
       ON CONFLICT ("key") DO NOTHING`,
      [delivery.key, delivery.kind, delivery.recipientId, delivery.notificationId, JSON.stringify(data)],
    );
    const row = await lockDelivery(client, delivery.key);
    if (row.status !== "PENDING") {
      await client.query("COMMIT");
      return `already-${row.status.toLowerCase()}` as DeliveryOutcome;
    }

    const composed = await compose(settings, data);
    if (composed.kind === "skip") {
      await client.query(`UPDATE "MailDelivery" SET "status" = 'SKIPPED', "skipReason" = $2, "updatedAt" = now() WHERE "key" = $1`, [
        delivery.key,
        composed.reason,
      ]);
      await client.query("COMMIT");
      return "skipped";
    }

    // The outbox writes in this transaction; a failure there must not undo the attempt's record.
    await client.query("SAVEPOINT before_send");
    try {
      await transport.send(
        {
          to: composed.to,
          from: settings.from,
          subject: composed.subject,
          text: composed.text,
          html: composed.html,
          headers: composed.headers,
        },
        client,
      );
    } catch (error) {
      await client.query("ROLLBACK TO SAVEPOINT before_send");
      await client.query(`UPDATE "MailDelivery" SET "attempts" = "attempts" + 1, "lastError" = $2, "updatedAt" = now() WHERE "key" = $1`, [
        delivery.key,
        describeError(error),
      ]);
      await client.query("COMMIT");
      throw new MailTransportError(error);
    }
    await client.query(
      `UPDATE "MailDelivery"
       SET "status" = 'SENT', "sentAt" = now(), "attempts" = "attempts" + 1, "subject" = $2, "sentTo" = $3, "lastError" = NULL, "updatedAt" = now()
       WHERE "key" = $1`,
      [delivery.key, composed.subject, composed.to],
    );
    await client.query("COMMIT");
    return "sent";
  } catch (error) {
    if (!(error instanceof MailTransportError)) {
      // A connection that failed mid-transaction is not given back to the pool.
      await client.query("ROLLBACK").catch(() => {
        isBroken = true;
      });
    }
    throw error;
  } finally {
    client.release(isBroken);
  }
}

async function lockDelivery(client: pg.PoolClient, key: string): Promise<{ status: string }> {
  try {
    const { rows } = await client.query<{ status: string }>(`SELECT "status" FROM "MailDelivery" WHERE "key" = $1 FOR UPDATE NOWAIT`, [
      key,
    ]);
    if (!rows[0]) throw new Error(`MailDelivery ${key} vanished.`);
    return rows[0];
  } catch (error) {
    // 55P03 lock_not_available: another worker holds this delivery right now.
    if ((error as { code?: string }).code === "55P03") throw new MailDeliveryBusyError(key);
    throw error;
  }
}

function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
}

/** A job whose retries are used up (moved to the dead-letter queue): its email is FAILED. */
export async function markMailFailed(pool: pg.Pool, data: MailJobData, reason: string): Promise<void> {
  const delivery = describeMailJob(data);
  await pool.query(
    `INSERT INTO "MailDelivery" ("id", "key", "kind", "recipientId", "notificationId", "job", "status", "lastError", "updatedAt")
     SELECT 'mail_' || replace(gen_random_uuid()::text, '-', ''), $1, $2::"MailKind", u."id", $4, $6::jsonb, 'FAILED', $5, now()
     FROM (SELECT $3::text AS "id") AS wanted LEFT JOIN "User" u ON u."id" = wanted."id"
     ON CONFLICT ("key") DO UPDATE SET "status" = 'FAILED', "lastError" = COALESCE("MailDelivery"."lastError", EXCLUDED."lastError"), "updatedAt" = now()
     WHERE "MailDelivery"."status" = 'PENDING'`,
    [delivery.key, delivery.kind, delivery.recipientId, delivery.notificationId, reason.slice(0, 1_000), JSON.stringify(data)],
  );
}
