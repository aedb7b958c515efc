import "server-only";
import { getServerEnv } from "../env.ts";
import { getMailSettings, getMailTransportSetting } from "./mail-settings.ts";
import { createMailTransport } from "./mail-transport.ts";
import { startMailWorker, type MailWorker } from "./mail-worker.ts";

const globalForWorker = globalThis as unknown as { scholiaMailWorker?: Promise<MailWorker | null> };

/**
 * Starts this instance's email worker as the environment says (instrumentation.ts calls it when
 * the server starts). A database that is not reachable yet is retried in the background: the
 * app serves pages meanwhile, and mail waits in the queue.
 */
export function startMailWorkerFromEnv(): Promise<MailWorker | null> {
  globalForWorker.scholiaMailWorker ??= start().catch((error: unknown) => {
    console.error(`[mail] The email worker is not running: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  return globalForWorker.scholiaMailWorker;
}

async function start(): Promise<MailWorker | null> {
  const env = getServerEnv();
  if (env.MAIL_WORKER === "off") {
    console.log("[mail] MAIL_WORKER=off: this instance sends no email.");
    return null;
  }
  const setting = getMailTransportSetting();
  if (setting.kind === "none") {
    console.warn("[mail] No SMTP_URL (and DEV_OUTBOX is not 1): emails wait in the queue until a mail server is configured.");
    return null;
  }
  const settings = getMailSettings();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startMailWorker({ databaseUrl: env.DATABASE_URL, settings, transport: createMailTransport(setting) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[mail] The email worker could not start (${message}); trying again in 10 s.`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(10_000 * attempt, 60_000)));
    }
  }
}
