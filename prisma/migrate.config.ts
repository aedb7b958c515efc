// Configuration for the Prisma 6 CLI used only for migrations (see scripts/lib/prisma6.ts).
// Its Wasm schema engine talks to PostgreSQL through @prisma/adapter-pg 7.x (6.19's own adapter
// fails to read `name` columns, prisma/orm#27403).
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";

export default {
  engine: "js",
  experimental: { adapter: true },
  schema: process.env.SCHOLIA_PRISMA6_SCHEMA,
  migrations: { path: path.join(process.cwd(), "prisma", "migrations") },
  // allowExitOnIdle: without it every command waits ~10 s for idle connections to time out.
  adapter: () => Promise.resolve(new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true })),
};
