import "server-only";
import { getDb } from "../db.ts";
import { recordAccountRequest } from "./record-account-request.ts";

/**
 * "Forgot password": queues a one-time link to the account with this email, if there is one.
 * The caller answers the same whether or not there is (and whether or not the email's limit was
 * reached); only a client address past its limit is refused (RATE_LIMITED).
 */
export async function requestPasswordReset({ email, ipAddress }: { email: string; ipAddress: string }): Promise<void> {
  const normalised = email.trim().toLowerCase();
  await getDb().$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { email: normalised, deletedAt: null }, select: { id: true } });
    await recordAccountRequest(tx, {
      action: "password-reset",
      kind: "PASSWORD_RESET",
      email: normalised,
      ipAddress,
      userId: user?.id ?? null,
    });
  });
}
