import "server-only";
import pg from "pg";
import PgBoss from "pg-boss";
import { MAIL_DEAD_QUEUE, MAIL_QUEUE, MAIL_TICK_CRON, MAIL_TICK_QUEUE } from "../../domain/mail/mail-queue-policy.ts";
import type { MailJobData } from "../jobs/job-queue.ts";
import { deliverMail, MailDeliveryBusyError, markMailFailed, type MailComposer } from "./deliver-mail.ts";
import type { MailSettings } from "./mail-settings.ts";
import type { MailTransport } from "./mail-transport.ts";
import { runMailTick } from "./run-mail-tick.ts";

export type MailWorkerOptions = {
  databaseUrl: string;
  settings: MailSettings;
  transport: MailTransport;
  /** Loops fetching mail jobs; each takes up to `batchSize` jobs at a time. */
  concurrency?: number;
  batchSize?: number;
  pollingIntervalSeconds?: number;
  /** How often (across all instances: one runs it) lost jobs are expired and retried. */
  maintenanceIntervalSeconds?: number;
  compose?: MailComposer;
  /** false: no clock-driven emails (digests, reminders) from this worker; tests run the tick themselves. */
  schedule?: boolean;
  log?: (message: string) => void;
};

export type MailWorker = { boss: PgBoss; stop(): Promise<void> };

/**
 * The email worker of one app instance. Every instance may run one: pg-boss hands each job to
 * one worker (FOR UPDATE SKIP LOCKED), and deliverMail keeps each email at most once even when
 * a job runs twice (a worker that died mid-batch, whose jobs expire and are retried elsewhere).
 */
export async function startMailWorker(options: MailWorkerOptions): Promise<MailWorker> {
  const log = options.log ?? ((message: string) => console.log(`[mail] ${message}`));
  const batchSize = options.batchSize ?? 10;
  const concurrency = options.concurrency ?? 2;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: 2,
    application_name: "scholia-mail-queue",
    // Schema and queues come with the migrations (scripts/lib/job-queue.ts); here only checked.
    migrate: false,
    supervise: true,
    schedule: options.schedule !== false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on("error", (error: Error) => log(`queue error: ${error.message}`));
  // Holds each delivery's row lock for the length of one SMTP exchange (bounded by the transport's
  // timeouts, well under the idle-in-transaction limit below).
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: concurrency,
    application_name: "scholia-mail",
    connectionTimeoutMillis: 10_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 90_000,
    keepAlive: true,
  });
  pool.on("error", () => undefined);
  await boss.start();

  // Each email is handled on its own; one that fails is retried alone. Completed ones are
  // marked here, and a failure is thrown at the end so pg-boss fails (and retries) the rest:
  // every job gets exactly one verdict, from one place.
  const handleBatch = async (jobs: PgBoss.Job<MailJobData>[]) => {
    const completed: string[] = [];
    const failures: string[] = [];
    for (const job of jobs) {
      if (failures.length > 0 && failures.some((failure) => failure.startsWith("MailTransportError"))) {
        // The server just failed: the rest of the batch waits for its retry instead of timing out one by one.
        failures.push(`${job.id}: not tried after the mail server failed`);
        continue;
      }
      try {
        await deliverMail({ pool, transport: options.transport, settings: options.settings, data: job.data, compose: options.compose });
        completed.push(job.id);
      } catch (error) {
        const name = error instanceof Error ? error.name : "Error";
        const message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof MailDeliveryBusyError)) log(`job ${job.id} (${job.data.kind}) failed: ${message}`);
        failures.push(`${name}: ${job.id}: ${message}`);
      }
    }
    if (failures.length === 0) return;
    if (completed.length > 0) await boss.complete(MAIL_QUEUE, completed);
    throw new Error(failures.join("\n").slice(0, 2_000));
  };
  for (let loop = 0; loop < concurrency; loop += 1) {
    await boss.work<MailJobData>(MAIL_QUEUE, { batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, handleBatch);
  }
  // Retries used up: pg-boss moves the job here; the delivery becomes FAILED for the operator.
  await boss.work<MailJobData>(MAIL_DEAD_QUEUE, { pollingIntervalSeconds: 10 }, async (jobs) => {
    for (const job of jobs) {
      await markMailFailed(pool, job.data, "Retries used up: the mail server kept failing.");
      log(`mail for ${job.data.kind} is dead after its last retry`);
    }
  });
  // Digests, reminders and the instructors' morning lists: a cron job (pg-boss sends it once per
  // slot whatever the number of instances), which queues the emails that are due.
  if (options.schedule !== false) {
    await boss.schedule(MAIL_TICK_QUEUE, MAIL_TICK_CRON);
    await boss.work(MAIL_TICK_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
      const queued = await runMailTick();
      const total = queued.digests.length + queued.reminders.length + queued.unanswered.length;
      if (total > 0)
        log(`queued ${queued.digests.length} digest(s), ${queued.reminders.length} reminder(s), ${queued.unanswered.length} list(s)`);
    });
  }
  log(`worker started (${options.transport.kind})`);

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
      await pool.end();
      options.transport.close();
    },
  };
}
