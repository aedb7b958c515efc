import "server-only";
import { getDb } from "../db.ts";

export type MailOverview = {
  counts: Record<"PENDING" | "SENT" | "SKIPPED" | "FAILED", number>;
  /** pg-boss's jobs per queue and state (created, retry, active, completed, failed …). */
  queue: { queue: string; state: string; count: number }[];
  failed: MailDeliveryRow[];
  /** Pending for more than ten minutes: being retried (or no worker is running). */
  stuck: MailDeliveryRow[];
};

export type MailDeliveryRow = {
  id: string;
  key: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  recipientEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const PAGE = 50;

/** What the operator sees of mail: counts, the queue, dead mail and mail waiting long. */
export async function loadMailOverview(): Promise<MailOverview> {
  const db = getDb();
  const select = {
    id: true,
    key: true,
    kind: true,
    status: true,
    attempts: true,
    lastError: true,
    createdAt: true,
    updatedAt: true,
    recipient: { select: { email: true } },
  } as const;
  const [grouped, queue, failed, stuck] = await Promise.all([
    db.mailDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
    db.$queryRaw<{ queue: string; state: string; count: number }[]>`
      SELECT name AS queue, state::text AS state, count(*)::int AS count FROM pgboss.job WHERE name LIKE 'mail%' GROUP BY name, state ORDER BY name, state`,
    db.mailDelivery.findMany({ where: { status: "FAILED" }, orderBy: { updatedAt: "desc" }, take: PAGE, select }),
    db.mailDelivery.findMany({
      where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - 10 * 60_000) } },
      orderBy: { createdAt: "asc" },
      take: PAGE,
      select,
    }),
  ]);
  const counts = { PENDING: 0, SENT: 0, SKIPPED: 0, FAILED: 0 };
  for (const row of grouped) counts[row.status] = row._count._all;
  const toRow = ({ recipient, ...row }: (typeof failed)[number]): MailDeliveryRow => ({ ...row, recipientEmail: recipient?.email ?? null });
  return { counts, queue, failed: failed.map(toRow), stuck: stuck.map(toRow) };
}
