// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { applyMigrations } from "./lib/migrate.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/scholia npm run db:migrate");
  process.exit(2);
}
try {
  applyMigrations(databaseUrl);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
