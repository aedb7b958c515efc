import "server-only";
import {
  ACCOUNT_LINK_LIFETIME_MS,
  ACTION_KINDS,
  accountRequestLimit,
  evaluateAccountRequestLimit,
  type AccountRequestAction,
  type AccountRequestKind,
} from "../../domain/account-requests.ts";
import { describeRetryAfter } from "../../domain/sign-in-limit.ts";
import { AppError } from "../app-error.ts";
import { getServerEnv } from "../env.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { enqueueMailJobs } from "../jobs/job-queue.ts";

type RequestFacts = { action: AccountRequestAction; email: string; ipAddress: string; now?: Date };

/**
 * The action's limits for this email and client address, checked under advisory locks on both
 * (always email first, then address), held until the caller's transaction ends, so parallel
 * requests cannot slip past them. A client address past its limit is refused (RATE_LIMITED, with
 * when to retry); an email past its limit answers "limited": the caller records and sends nothing
 * and answers as usual, so the answer never tells whether an address has an account or was
 * asked about before.
 */
export async function checkAccountRequestLimit(
  tx: Prisma.TransactionClient,
  { action, email, ipAddress, now = new Date() }: RequestFacts,
): Promise<"allowed" | "limited"> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`account:${action}:email:${email}`}))`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`account:${action}:address:${ipAddress}`}))`;
  const limit = accountRequestLimit(action, getServerEnv().SIGN_UP_LIMIT_PER_ADDRESS);
  const windowStart = new Date(now.getTime() - limit.windowMs);
  const kinds = [...ACTION_KINDS[action]];
  const [emailRequests, addressRequests] = await Promise.all([
    tx.accountRequest.findMany({
      where: { kind: { in: kinds }, email, createdAt: { gt: windowStart } },
      select: { createdAt: true },
      take: limit.maxPerEmail,
      orderBy: { createdAt: "desc" },
    }),
    tx.accountRequest.findMany({
      where: { kind: { in: kinds }, ipAddress, createdAt: { gt: windowStart } },
      select: { createdAt: true },
      take: limit.maxPerAddress,
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const verdict = evaluateAccountRequestLimit({
    now,
    emailRequests: emailRequests.map((request) => request.createdAt),
    addressRequests: addressRequests.map((request) => request.createdAt),
    limit,
  });
  if (!verdict.isAllowed && verdict.reason === "address") {
    throw new AppError("RATE_LIMITED", `Too many requests from your network. ${describeRetryAfter(verdict.retryAfterSeconds)}`, {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  return verdict.isAllowed ? "allowed" : "limited";
}

/**
 * Adds one account-email request inside the caller's transaction (after checkAccountRequestLimit)
 * and queues its email when `userId` names the account and `send` is not false: both commit
 * with the caller's change, or neither does.
 */
export async function addAccountRequest(
  tx: Prisma.TransactionClient,
  {
    kind,
    email,
    ipAddress,
    userId,
    send = true,
    now = new Date(),
  }: { kind: AccountRequestKind; email: string; ipAddress: string; userId: string | null; send?: boolean; now?: Date },
): Promise<void> {
  const request = await tx.accountRequest.create({
    data: { kind, email, ipAddress, userId, createdAt: now, expiresAt: new Date(now.getTime() + ACCOUNT_LINK_LIFETIME_MS[kind]) },
    select: { id: true },
  });
  if (Math.random() < 0.02) await pruneOldAccountRequests(tx, now);
  if (userId !== null && send) await enqueueMailJobs(tx, [{ kind: "account", requestId: request.id, recipientId: userId }]);
}

/** Both steps, for requests whose account is known beforehand. Returns whether it was recorded. */
export async function recordAccountRequest(
  tx: Prisma.TransactionClient,
  request: RequestFacts & { kind: AccountRequestKind; userId: string | null; send?: boolean },
): Promise<"recorded" | "limited"> {
  if ((await checkAccountRequestLimit(tx, request)) === "limited") return "limited";
  await addAccountRequest(tx, request);
  return "recorded";
}

/** Requests a day past the longest link lifetime can no longer be used or counted. */
async function pruneOldAccountRequests(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const longest = Math.max(...Object.values(ACCOUNT_LINK_LIFETIME_MS));
  await tx.accountRequest.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - longest - 24 * 60 * 60_000) } } });
}
