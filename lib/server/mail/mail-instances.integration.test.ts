import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIL_QUEUE } from "../../domain/mail/mail-queue-policy.ts";
import { disconnectDb, getDb } from "../db.ts";
import { getServerEnv } from "../env.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { startMailHarness, type MailHarness } from "../testing/mail-harness.ts";
import { eventually } from "../testing/eventually.ts";

// Two app instances send mail from one queue, and one of them dies in the middle of a batch
// (SIGKILL, its delivery transaction open, the rest of its batch taken): every email still
// arrives, and exactly once. The harness's worker is the surviving instance; the other runs in a
// process of its own (lib/server/testing/mail-worker-process.ts) so that it can really die.

const root = path.resolve(import.meta.dirname, "../../..");
let fixture: CourseFixture;
let harness: MailHarness;

/** The mail queue's expiry: how long a job may stay active before it is taken for lost and retried. */
async function setMailExpiry(seconds: number): Promise<void> {
  const admin = new PgBoss({ connectionString: getServerEnv().DATABASE_URL, max: 1, migrate: false, supervise: false, schedule: false });
  await admin.start();
  await admin.updateQueue(MAIL_QUEUE, { name: MAIL_QUEUE, retryLimit: 12, retryDelay: 1, retryBackoff: true, expireInSeconds: seconds });
  await admin.stop({ graceful: false });
}

function startDoomedWorker(crashAfter: number): { child: ChildProcess; lines: string[]; exited: Promise<NodeJS.Signals | number | null> } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/server/testing/mail-worker-process.ts"], {
    cwd: root,
    env: { ...process.env, MAIL_SETTINGS: JSON.stringify(harness.settings), CRASH_AFTER: String(crashAfter) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => lines.push(...chunk.split("\n").filter(Boolean)));
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => lines.push(`stderr: ${chunk}`));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  return { child, lines, exited };
}

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  await eventually(what, condition, { timeoutMs: 45_000, intervalMs: 100 });
}

beforeAll(async () => {
  harness = await startMailHarness();
  fixture = await createCourseFixture("mailcrash");
});

afterAll(async () => {
  await harness?.stop();
  await fixture?.cleanUp();
  await disconnectDb();
});

describe("two instances", () => {
  it("[AT MOST ONCE] with two workers, one killed mid-batch, each of twelve replies reaches its recipient exactly once", async () => {
    const rootPost = await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("Crash root") });
    const markers = Array.from({ length: 12 }, (_, index) => `crash-${fixture.prefix}-${index}-end`);
    const doomed = await harness.whileWorkerPaused(async () => {
      // The dead worker's jobs come back after 3 s instead of the production 2 minutes.
      await setMailExpiry(3);
      for (const marker of markers) await fixture.reply("studentA2", rootPost.id, marker);
      const started = startDoomedWorker(2);
      // It takes a batch of ten and sends the first; then the surviving instance starts beside it.
      await waitUntil("the doomed worker sent its first email", () => started.lines.includes("sent 1") || started.child.exitCode !== null);
      return started;
    });
    try {
      expect(await doomed.exited, doomed.lines.join("\n")).toBe("SIGKILL");
      expect(doomed.lines).toContain("sent 2");
      expect(doomed.lines).not.toContain("sent 3");

      const arrivedFor = (marker: string) => harness.sink.received.filter((message) => message.mail.text?.includes(marker) === true);
      await waitUntil("every reply's email arrived", () => markers.every((marker) => arrivedFor(marker).length > 0));
      // Every job is done (none waiting for a retry that could send a second copy) before counting.
      await waitUntil("every mail job completed", async () => {
        const { rows } = await harness.pool.query<{ pending: number }>(
          `SELECT count(*)::int AS pending FROM pgboss.job WHERE name = $1 AND state <> 'completed' AND data->>'recipientId' = $2`,
          [MAIL_QUEUE, fixture.users.studentA1.id],
        );
        return rows[0]!.pending === 0;
      });
      for (const marker of markers) {
        const copies = arrivedFor(marker);
        expect(copies, marker).toHaveLength(1);
        expect(copies[0]!.recipients).toEqual([`${fixture.prefix}-studenta1@example.test`]);
      }
      const notifications = await getDb().notification.findMany({
        where: { userId: fixture.users.studentA1.id, annotation: { parentId: rootPost.id } },
        select: { id: true },
      });
      expect(notifications).toHaveLength(markers.length);
      const deliveries = await getDb().mailDelivery.findMany({
        where: { notificationId: { in: notifications.map((notification) => notification.id) } },
        select: { status: true },
      });
      expect(deliveries.map((delivery) => delivery.status)).toEqual(markers.map(() => "SENT"));
    } finally {
      doomed.child.kill("SIGKILL");
      await setMailExpiry(60);
    }
  }, 90_000);
});
