// A second app instance's mail worker, in a process of its own, for the crash test in
// lib/server/mail/mail-instances.integration.test.ts. It sends CRASH_AFTER messages over SMTP,
// then dies (SIGKILL: no cleanup, no job completed) in the middle of the next delivery, with the
// delivery's transaction open and the rest of its batch taken. It prints "ready", then "sent N".
//
//   node --conditions=react-server --import tsx lib/server/testing/mail-worker-process.ts
//   env: DATABASE_URL, MAIL_SETTINGS (JSON MailSettings with an smtp transport), CRASH_AFTER
import type { MailSettings } from "../mail/mail-settings.ts";
import { createMailTransport, type MailTransport } from "../mail/mail-transport.ts";
import { startMailWorker } from "../mail/mail-worker.ts";

const databaseUrl = process.env.DATABASE_URL ?? "";
const settings = JSON.parse(process.env.MAIL_SETTINGS ?? "null") as MailSettings;
const crashAfter = Number(process.env.CRASH_AFTER ?? "0");
if (!databaseUrl || settings?.transport.kind !== "smtp" || !Number.isInteger(crashAfter)) {
  console.error("Set DATABASE_URL, MAIL_SETTINGS (an smtp transport) and CRASH_AFTER.");
  process.exit(2);
}

const smtp = createMailTransport(settings.transport);
let sent = 0;
const transport: MailTransport = {
  kind: "smtp",
  async send(mail, client) {
    if (sent >= crashAfter) process.kill(process.pid, "SIGKILL");
    const result = await smtp.send(mail, client);
    sent += 1;
    console.log(`sent ${sent}`);
    return result;
  },
  close: () => smtp.close(),
};

await startMailWorker({
  databaseUrl,
  settings,
  transport,
  // One loop taking up to ten jobs: the crash falls in the middle of a batch.
  concurrency: 1,
  batchSize: 10,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  schedule: false,
  log: () => undefined,
});
console.log("ready");
