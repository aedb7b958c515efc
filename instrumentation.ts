// Runs once when a server process starts (Next's instrumentation hook), before requests reach
// the app. Each instance also runs an email worker (lib/server/mail): the job queue lives in
// PostgreSQL, so any number of instances share the work, and MAIL_WORKER=off leaves one out.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressStamp } = await import("./lib/server/peer-address-stamp.ts");
    installPeerAddressStamp();
    const { startMailWorkerFromEnv } = await import("./lib/server/mail/start-mail-worker-from-env.ts");
    void startMailWorkerFromEnv();
    const { startLtiSyncWorker } = await import("./lib/server/lti/start-lti-sync-worker.ts");
    startLtiSyncWorker();
  }
}
