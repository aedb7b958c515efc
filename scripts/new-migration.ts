// npm run db:migration:new -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that turns the schema of the
// last migration (prisma/migrations/schema.snapshot.prisma) into prisma/schema.prisma. The diff
// needs no database and no shadow database (Prisma 6 Wasm engine, see scripts/lib/prisma6.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { migrationsDir, runPrisma6, schemaPath, schemaSnapshotPath, withDerivedSchemas, prisma6ConfigPath } from "./lib/prisma6.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name>   (name: lower-case letters, digits, underscores)");
  process.exit(2);
}

const emptySchema = 'datasource db {\n  provider = "postgresql"\n}\n';
const previous = existsSync(schemaSnapshotPath) ? readFileSync(schemaSnapshotPath, "utf8") : emptySchema;
const current = readFileSync(schemaPath, "utf8");

const sql = withDerivedSchemas([previous, current], ([from, to]) => {
  const { status, stdout } = runPrisma6(
    ["migrate", "diff", "--config", prisma6ConfigPath, "--from-schema-datamodel", from!, "--to-schema-datamodel", to!, "--script"],
    { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://localhost/unused", SCHOLIA_PRISMA6_SCHEMA: to },
  );
  if (status !== 0) throw new Error(`prisma migrate diff exited ${status}`);
  return stdout;
});

if (/^-- This is an empty migration\.\s*$/.test(sql.trim()) || sql.trim() === "") {
  console.log("prisma/schema.prisma matches the last migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync(schemaPath, schemaSnapshotPath);
if (!existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then npm run db:migrate.`);
