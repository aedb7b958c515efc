import { readFileSync } from "node:fs";
import { prisma6ConfigPath, runPrisma6, schemaPath, withDerivedSchemas } from "./prisma6.ts";

/** Applies every pending migration in prisma/migrations to the database at `databaseUrl`. */
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
}
