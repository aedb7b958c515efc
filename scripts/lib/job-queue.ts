// Installs the job queue's schema (pg-boss, PostgreSQL schema "pgboss") and the queues email
// uses, with their retry policy. Part of applying migrations (scripts/lib/migrate.ts), so that
// `npm start`, `npm run db:migrate` and every test database get it; app instances only check it.
// Idempotent: pg-boss migrates its own schema under an advisory lock, queues are upserted.
// Run directly: DATABASE_URL=… tsx scripts/lib/job-queue.ts
import { pathToFileURL } from "node:url";
import PgBoss from "pg-boss";
import {
  MAIL_DEAD_QUEUE,
  MAIL_DEAD_QUEUE_POLICY,
  MAIL_QUEUE,
  MAIL_QUEUE_POLICY,
  MAIL_TICK_QUEUE,
  MAIL_TICK_QUEUE_POLICY,
  type QueuePolicy,
} from "../../lib/domain/mail/mail-queue-policy.ts";

function queueOptions(policy: QueuePolicy, deadLetter?: string): PgBoss.Queue {
  const { retentionDays, ...rest } = policy;
  return { name: "", ...rest, retentionMinutes: retentionDays * 24 * 60, ...(deadLetter ? { deadLetter } : {}) };
}

export async function installJobQueue(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 1, migrate: true, supervise: false, schedule: false });
  boss.on("error", (error: Error) => console.error(`Job queue: ${error.message}`));
  await boss.start();
  try {
    const queues: [string, PgBoss.Queue][] = [
      [MAIL_DEAD_QUEUE, queueOptions(MAIL_DEAD_QUEUE_POLICY)],
      [MAIL_QUEUE, queueOptions(MAIL_QUEUE_POLICY, MAIL_DEAD_QUEUE)],
      [MAIL_TICK_QUEUE, queueOptions(MAIL_TICK_QUEUE_POLICY)],
    ];
    for (const [name, options] of queues) {
      await boss.createQueue(name, { ...options, name });
      await boss.updateQueue(name, { ...options, name });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    process.exit(2);
  }
  installJobQueue(url).then(
    () => console.log("Job queue (pg-boss) installed."),
    (error: unknown) => {
      console.error(`Installing the job queue failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
