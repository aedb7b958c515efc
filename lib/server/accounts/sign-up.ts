import "server-only";
import bcrypt from "bcryptjs";
import type { SignUpInput } from "../../domain/account-rules.ts";
import { getDb } from "../db.ts";
import { BCRYPT_COST } from "./create-account.ts";
import { addAccountRequest, checkAccountRequestLimit } from "./record-account-request.ts";

/**
 * Sign-up that never tells whether an address has an account: a new address gets an account and
 * an email to confirm it; an address that has one gets no new account, and its owner an email
 * saying someone tried (with the way to sign in or reset the password). The caller answers
 * "check your email" either way; both paths hash the password, so they take as long. Limited per
 * client address (RATE_LIMITED) and per email (silently: nothing more is sent).
 */
export async function signUp({ input, ipAddress }: { input: SignUpInput; ipAddress: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  await getDb().$transaction(async (tx) => {
    // Also serialises sign-ups of one address (its advisory lock), so two at once make one account.
    if ((await checkAccountRequestLimit(tx, { action: "sign-up", email, ipAddress })) === "limited") return;
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      await addAccountRequest(tx, { kind: "SIGN_UP_TAKEN", email, ipAddress, userId: existing.id });
      return;
    }
    const user = await tx.user.create({ data: { name: input.name, email, passwordHash }, select: { id: true } });
    await addAccountRequest(tx, { kind: "EMAIL_VERIFICATION", email, ipAddress, userId: user.id });
  });
}
