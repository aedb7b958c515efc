import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { recordAccountRequest } from "./record-account-request.ts";

/** "Send the confirmation again" on the account page, for an address not confirmed yet. */
export async function resendEmailConfirmation({ actorId, ipAddress }: { actorId: string; ipAddress: string }): Promise<{ email: string }> {
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { email: true, emailVerifiedAt: true } });
    if (user.emailVerifiedAt) throw new AppError("CONFLICT", "Your address is already confirmed.");
    const outcome = await recordAccountRequest(tx, {
      action: "confirmation",
      kind: "EMAIL_VERIFICATION",
      email: user.email,
      ipAddress,
      userId: actorId,
    });
    if (outcome === "limited") {
      throw new AppError("RATE_LIMITED", "We sent three confirmations in the last hour. Look for them, or try again later.", {
        retryAfterSeconds: 3600,
      });
    }
    return { email: user.email };
  });
}
