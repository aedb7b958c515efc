import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { getServerEnv } from "./env.ts";

// One Prisma client per process, kept on globalThis so dev-mode reloads do not open new pools.
const globalForDb = globalThis as unknown as { scholiaDb?: PrismaClient; scholiaPool?: pg.Pool };

export function getDb(): PrismaClient {
  if (!globalForDb.scholiaDb) {
    const env = getServerEnv();
    const pool = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: env.DATABASE_POOL_SIZE,
      // Every wait is bounded, so a request answers (503 when the database is away) instead of
      // hanging: getting a connection, including queueing for a free one in the pool…
      connectionTimeoutMillis: 5_000,
      // …a statement, and a transaction left open (a stuck request holding row locks).
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 15_000,
      // Dead peers (a failover without a FIN) are noticed; idle connections are let go.
      keepAlive: true,
      idleTimeoutMillis: 30_000,
      application_name: "scholia",
    });
    // A restart terminates every session. The pool drops a connection that failed; these
    // listeners only make sure no such error, idle or in use, can go unhandled and end the process.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => client.on("error", () => undefined));
    globalForDb.scholiaPool = pool;
    // Interactive transactions wait as long as a connection may (above) before giving up.
    globalForDb.scholiaDb = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 5_000, timeout: 15_000 } });
  }
  return globalForDb.scholiaDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.scholiaDb?.$disconnect();
  await globalForDb.scholiaPool?.end();
  globalForDb.scholiaDb = undefined;
  globalForDb.scholiaPool = undefined;
}
