import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";

export type AccountDetails = { name: string; email: string; isEmailConfirmed: boolean };

/** The actor's own account, for the account page. */
export async function loadAccount({ actorId }: { actorId: string }): Promise<AccountDetails> {
  const user = await getDb().user.findFirst({
    where: { id: actorId, deletedAt: null },
    select: { name: true, email: true, emailVerifiedAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  return { name: user.name, email: user.email, isEmailConfirmed: user.emailVerifiedAt !== null };
}
