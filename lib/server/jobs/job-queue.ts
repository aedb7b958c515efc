import "server-only";
import PgBoss from "pg-boss";
import { MAIL_QUEUE } from "../../domain/mail/mail-queue-policy.ts";
import type { Prisma } from "../generated/prisma/client.ts";

// The job queue is pg-boss (schema "pgboss", installed with the migrations). Jobs are added
// inside the caller's own transaction, through pg-boss's insert statement run on the Prisma
// transaction: a post that rolls back leaves no job, a post that commits has its jobs.

/** What a mail job asks for. Each names the one email it may produce (MailDelivery.key). */
export type MailJobData =
  | { kind: "notification"; notificationId: string; recipientId: string }
  | { kind: "digest"; recipientId: string; date: string }
  | { kind: "due-reminder"; recipientId: string; assignmentId: string; dueAt: string }
  | { kind: "unanswered-digest"; recipientId: string; date: string }
  /** A password reset, an address confirmation, a sign-up with a taken address, an email change. */
  | { kind: "account"; requestId: string; recipientId: string };

type SqlExecutor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

// Never started: it only builds pg-boss's SQL, always with the caller's executor.
let statementBuilder: PgBoss | undefined;
function builder(): PgBoss {
  statementBuilder ??= new PgBoss({
    db: {
      executeSql: () => {
        throw new Error("The job queue's statement builder runs no query of its own.");
      },
    },
  });
  return statementBuilder;
}

export function transactionExecutor(tx: Prisma.TransactionClient): SqlExecutor {
  return { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) };
}

/** Adds mail jobs in one statement, inside `tx`. Retries and expiry come from the queue's policy. */
export async function enqueueMailJobs(tx: Prisma.TransactionClient, jobs: readonly MailJobData[]): Promise<void> {
  if (jobs.length === 0) return;
  await builder().insert(
    jobs.map((data) => ({ name: MAIL_QUEUE, data })),
    { db: transactionExecutor(tx) },
  );
}
