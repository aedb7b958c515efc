// npm run mail -- status | retry <delivery id> | retry all
// The operator's view of email from a shell (the same as /operator): counts, the job queue, dead
// mail (retries used up) and mail waiting long; `retry` queues dead mail again.
import { disconnectDb } from "../lib/server/db.ts";
import { loadMailOverview, type MailDeliveryRow } from "../lib/server/operator/load-mail-overview.ts";
import { retryMailDelivery } from "../lib/server/operator/retry-mail-delivery.ts";

function printRows(title: string, rows: MailDeliveryRow[]): void {
  console.log(`\n${title}: ${rows.length === 0 ? "none" : ""}`);
  for (const row of rows) {
    console.log(
      `  ${row.id}  ${row.key}  to ${row.recipientEmail ?? "(deleted account)"}  attempts ${row.attempts}  queued ${row.createdAt.toISOString()}`,
    );
    if (row.lastError) console.log(`    last error: ${row.lastError}`);
  }
}

async function main(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    console.error("DATABASE_URL is not set. Example: DATABASE_URL=postgresql://… npm run mail -- status");
    return 2;
  }
  const [command = "status", argument] = process.argv.slice(2);
  if (command === "status") {
    const overview = await loadMailOverview();
    const { counts } = overview;
    console.log(
      `Emails: ${counts.PENDING} waiting or being retried, ${counts.SENT} sent, ${counts.SKIPPED} skipped, ${counts.FAILED} dead.`,
    );
    console.log("Job queue:", overview.queue.length === 0 ? "empty" : "");
    for (const row of overview.queue) console.log(`  ${row.queue.padEnd(10)} ${row.state.padEnd(10)} ${row.count}`);
    printRows("Dead emails (npm run mail -- retry <id|all>)", overview.failed);
    printRows("Waiting for more than ten minutes", overview.stuck);
    return 0;
  }
  if (command === "retry" && argument) {
    const count = await retryMailDelivery({ deliveryId: argument });
    console.log(`${count} email(s) queued again.`);
    return 0;
  }
  console.error("Usage: npm run mail -- status | retry <delivery id> | retry all");
  return 2;
}

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    await disconnectDb().catch(() => undefined);
    process.exit(1);
  });
