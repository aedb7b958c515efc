import "server-only";
import { getDb } from "../db.ts";

export const OUTBOX_PAGE_SIZE = 50;

/** The local outbox (DEV_OUTBOX=1), newest first, one page. */
export async function listOutboxMessages({ page = 1 }: { page?: number }) {
  const db = getDb();
  const [total, items] = await Promise.all([
    db.outboxMessage.count(),
    db.outboxMessage.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: { id: true, toAddress: true, subject: true, createdAt: true },
    }),
  ]);
  return { total, items, page, hasNextPage: page * OUTBOX_PAGE_SIZE < total };
}

export async function findOutboxMessage({ id }: { id: string }) {
  return getDb().outboxMessage.findUnique({ where: { id } });
}
