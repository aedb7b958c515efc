// Next.js calls register() once when a server instance starts. Each instance runs an email
// worker (lib/server/mail): the job queue lives in PostgreSQL, so any number of instances share
// the work, and MAIL_WORKER=off leaves an instance out.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMailWorkerFromEnv } = await import("./lib/server/mail/start-mail-worker-from-env");
  void startMailWorkerFromEnv();
}
