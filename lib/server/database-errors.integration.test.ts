import { randomUUID } from "node:crypto";
import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isUniqueViolation } from "./database-errors.ts";
import { disconnectDb, getDb } from "./db.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

// Real failures, classified as the HTTP edge sees them: "unavailable" becomes a 503 with
// Retry-After (errorResponse), anything else stays an error of its own.

const email = `db-errors-${randomUUID()}@example.test`;
const clients: PrismaClient[] = [];

afterAll(async () => {
  await getDb().user.deleteMany({ where: { email } });
  await Promise.all(clients.map((client) => client.$disconnect()));
  await disconnectDb();
});

function clientFor(connectionString: string, applicationName: string): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 2_000, application_name: applicationName });
  pool.on("error", () => undefined);
  pool.on("connect", (connection) => connection.on("error", () => undefined));
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  clients.push(client);
  return client;
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("classifying database failures", () => {
  it("[FAULTS] a server that refuses connections (down, restarting) is unavailable", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(await closedPort());
    const error = await errorOf(() => clientFor(url.toString(), "scholia-refused").$queryRaw`SELECT 1`);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("[FAULTS] a session the server terminates mid-transaction (what a restart does, 57P01) is unavailable", async () => {
    const applicationName = `scholia-terminated-${randomUUID().slice(0, 8)}`;
    const victim = clientFor(process.env.DATABASE_URL!, applicationName);
    const error = await errorOf(() =>
      victim.$transaction(async (tx) => {
        const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
        await getDb().$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
        await tx.$queryRaw`SELECT 1`;
      }),
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    // The pool let the dead connection go: the same client works again.
    await expect(victim.$queryRaw<[{ ok: number }]>`SELECT 1 AS ok`).resolves.toEqual([{ ok: 1 }]);
  });

  it("[FAULTS] ordinary failures are not 'unavailable': a unique violation, a missing table", async () => {
    await getDb().user.create({ data: { email, name: "Classified", passwordHash: "x" } });
    const duplicate = await errorOf(() => getDb().user.create({ data: { email, name: "Again", passwordHash: "x" } }));
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    const missing = await errorOf(() => getDb().$queryRawUnsafe("SELECT * FROM no_such_table_here"));
    expect(isDatabaseUnavailable(missing)).toBe(false);
  });
});
