import pg from "pg";
import PgBoss from "pg-boss";
import { MAIL_QUEUE } from "../../domain/mail/mail-queue-policy.ts";
import { getDb } from "../db.ts";
import { getServerEnv } from "../env.ts";
import type { MailSettings } from "../mail/mail-settings.ts";
import { createMailTransport } from "../mail/mail-transport.ts";
import { startMailWorker, type MailWorker } from "../mail/mail-worker.ts";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.ts";
import { eventually } from "./eventually.ts";

// What an email integration test needs: a real SMTP server on 127.0.0.1, the mail worker of the
// app sending to it (pg-boss on the test database), the queue emptied of other files' jobs and
// its retries shortened to seconds, and ways to pause the worker and wait for a delivery.

export type MailHarness = {
  sink: SmtpSink;
  settings: MailSettings;
  /** A plain pool on the test database (pgboss.* and raw checks). */
  pool: pg.Pool;
  /** Stops the worker while `step` runs (mail stays queued), then starts it again. */
  whileWorkerPaused<T>(step: () => Promise<T>): Promise<T>;
  /** Waits until the delivery with `key` is in one of `statuses`, and returns it. */
  waitForDelivery(key: string, statuses: string[], timeoutMs?: number): Promise<NonNullable<Awaited<ReturnType<typeof findDelivery>>>>;
  stop(): Promise<void>;
};

const findDelivery = (key: string) => getDb().mailDelivery.findUnique({ where: { key } });

export async function startMailHarness(): Promise<MailHarness> {
  const databaseUrl = getServerEnv().DATABASE_URL;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await pool.query(`DELETE FROM pgboss.job WHERE name LIKE 'mail%'`);
  // An SMTP outage in a test lasts seconds, not minutes: first retry after 1–2 s.
  const admin = new PgBoss({ connectionString: databaseUrl, max: 1, migrate: false, supervise: false, schedule: false });
  await admin.start();
  await admin.updateQueue(MAIL_QUEUE, {
    name: MAIL_QUEUE,
    retryLimit: 12,
    retryDelay: 1,
    retryBackoff: true,
    expireInSeconds: 60,
  });
  await admin.stop({ graceful: false });

  const sink = await startSmtpSink();
  const settings: MailSettings = {
    transport: { kind: "smtp", url: sink.url },
    from: "Scholia <no-reply@scholia.example.test>",
    origin: "https://scholia.example.test",
    secret: "integration-test-secret",
  };
  const start = () =>
    startMailWorker({
      databaseUrl,
      settings,
      transport: createMailTransport({ kind: "smtp", url: sink.url }),
      pollingIntervalSeconds: 0.5,
      maintenanceIntervalSeconds: 1,
      schedule: false,
      log: () => undefined,
    });
  let worker: MailWorker = await start();

  return {
    sink,
    settings,
    pool,
    async whileWorkerPaused(step) {
      await worker.stop();
      try {
        return await step();
      } finally {
        worker = await start();
      }
    },
    async waitForDelivery(key, statuses, timeoutMs) {
      let delivery: Awaited<ReturnType<typeof findDelivery>> = null;
      return eventually(
        `delivery ${key} to be ${statuses.join("/")}`,
        async () => {
          delivery = await findDelivery(key);
          return delivery && statuses.includes(delivery.status) ? delivery : null;
        },
        { timeoutMs, intervalMs: 100, describe: () => JSON.stringify(delivery) },
      );
    },
    async stop() {
      await worker.stop();
      await sink.stop();
      await pool.query(`DELETE FROM pgboss.job WHERE name LIKE 'mail%'`);
      await pool.end();
    },
  };
}
