import pg from "pg";

/**
 * The SQL statements sent to PostgreSQL while `run` runs (every connection of this process, so
 * run nothing else meanwhile): what a test counts to prove that work per request does not grow
 * with the data. Prisma's driver adapter sends each statement through pg's Client#query.
 */
export async function recordQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [config] = args;
    queries.push(typeof config === "string" ? config : ((config as { text?: string } | null)?.text ?? String(config)));
    return original.apply(this, args);
  };
  try {
    const result = await run();
    return { result, queries };
  } finally {
    prototype.query = original;
  }
}
