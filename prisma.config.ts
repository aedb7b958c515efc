// Prisma 7 CLI configuration (used by `prisma generate`). Migrations do not go through the
// Prisma 7 CLI here: see scripts/db-migrate.ts and README.md ("Database migrations").
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // process.env, not env(): env() throws when DATABASE_URL is unset, which would break the
  // postinstall `generate` on a clean install.
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
