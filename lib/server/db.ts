import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { getServerEnv } from "./env.ts";

// One Prisma client per process, kept on globalThis so dev-mode reloads do not open new pools.
const globalForDb = globalThis as unknown as { scholiaDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForDb.scholiaDb) {
    const env = getServerEnv();
    const adapter = new PrismaPg({
      connectionString: env.DATABASE_URL,
      max: env.DATABASE_POOL_SIZE,
      // Fail fast when the database is unreachable instead of queueing requests forever.
      connectionTimeoutMillis: 5_000,
    });
    globalForDb.scholiaDb = new PrismaClient({ adapter });
  }
  return globalForDb.scholiaDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.scholiaDb?.$disconnect();
  globalForDb.scholiaDb = undefined;
}
