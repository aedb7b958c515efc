import "server-only";
import type { AccountRequestKind } from "../../domain/account-requests.ts";
import { getDb } from "../db.ts";
import { hashAccountLinkToken } from "./account-link-token.ts";

export type UsableAccountLink = { id: string; kind: AccountRequestKind; email: string; userId: string };

/**
 * The request a link's secret belongs to, when it is of one of `kinds`, unused, unexpired and its
 * account still exists; null otherwise (the same for a wrong, used or expired link). Reading it
 * uses nothing up: the pages show their form with it, and the form's action uses it.
 */
export async function findUsableAccountLink({
  token,
  kinds,
  now = new Date(),
}: {
  token: string;
  kinds: readonly AccountRequestKind[];
  now?: Date;
}): Promise<UsableAccountLink | null> {
  const tokenHash = hashAccountLinkToken(token);
  if (tokenHash === null) return null;
  const request = await getDb().accountRequest.findFirst({
    where: { tokenHash, kind: { in: [...kinds] }, usedAt: null, expiresAt: { gt: now }, user: { deletedAt: null } },
    select: { id: true, kind: true, email: true, userId: true },
  });
  if (!request?.userId) return null;
  return { ...request, userId: request.userId };
}
