import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { prisma6ConfigPath, projectRoot, runPrisma6, schemaPath, withDerivedSchemas } from "./prisma6.ts";

/**
 * Applies every pending migration in prisma/migrations to the database at `databaseUrl`, then
 * installs the job queue's schema and queues (scripts/lib/job-queue.ts: pg-boss manages its own
 * schema, whose functions Prisma's migration runner could not apply).
 */
export function applyMigrations(databaseUrl: string): void {
  withDerivedSchemas([readFileSync(schemaPath, "utf8")], ([schema]) => {
    const { status, stdout } = runPrisma6(["migrate", "deploy", "--config", prisma6ConfigPath], {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SCHOLIA_PRISMA6_SCHEMA: schema,
    });
    const summary = stdout.split("\n").filter((line) => /migration|applied|No pending/i.test(line));
    if (summary.length > 0) console.log(summary.join("\n"));
    if (status !== 0) {
      console.error(stdout);
      throw new Error(`Migrations failed (prisma migrate deploy exited ${status}).`);
    }
  });
  installJobQueueSync(databaseUrl);
}

/** In a child process, so that every caller keeps a synchronous applyMigrations. */
function installJobQueueSync(databaseUrl: string): void {
  const result = spawnSync(
    process.execPath,
    [path.join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs"), path.join(projectRoot, "scripts", "lib", "job-queue.ts")],
    { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (result.status !== 0) throw new Error(`Installing the job queue failed (exit ${result.status}).`);
  console.log(result.stdout.trim());
}
