import "server-only";
import type { ChangeEmailInput } from "../../domain/account-rules.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { recordAccountRequest } from "./record-account-request.ts";
import { requireCurrentPassword } from "./require-current-password.ts";

/**
 * Asks to change the actor's email (the current password required): a link goes to the new
 * address, and the account keeps its address until the link is used (confirmEmail). An address
 * that belongs to another account gets the same answer and no email (no enumeration from the
 * account page either); using a link to it later is refused.
 */
export async function requestEmailChange({
  actorId,
  input,
  ipAddress,
}: {
  actorId: string;
  input: ChangeEmailInput;
  ipAddress: string;
}): Promise<void> {
  const { email: currentEmail } = await requireCurrentPassword(getDb(), { userId: actorId, password: input.currentPassword });
  if (input.email === currentEmail) {
    throw new AppError("VALIDATION", "That is already your address.", { fieldErrors: { email: ["That is already your address."] } });
  }
  await getDb().$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    await recordAccountRequest(tx, {
      action: "email-change",
      kind: "EMAIL_CHANGE",
      email: input.email,
      ipAddress,
      userId: actorId,
      send: owner === null,
    });
  });
}
