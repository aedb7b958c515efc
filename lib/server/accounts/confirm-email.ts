import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { hashAccountLinkToken } from "./account-link-token.ts";
import { findUsableAccountLink } from "./find-usable-account-link.ts";

export const CONFIRM_LINK_UNUSABLE_MESSAGE = "This link has expired or was already used.";

/**
 * Uses an address link: a sign-up's confirmation marks the address confirmed; an email change's
 * makes the new address the account's (confirmed, since the link reached it) and retires the
 * account's other pending changes. Once only. Returns what happened, for the page.
 */
export async function confirmEmail({
  token,
  now = new Date(),
}: {
  token: string;
  now?: Date;
}): Promise<{ kind: "verified" | "changed"; email: string }> {
  const link = await findUsableAccountLink({ token, kinds: ["EMAIL_VERIFICATION", "EMAIL_CHANGE"], now });
  if (!link) throw new AppError("NOT_FOUND", CONFIRM_LINK_UNUSABLE_MESSAGE);
  try {
    return await getDb().$transaction(async (tx) => {
      const used = await tx.accountRequest.updateMany({
        where: { id: link.id, tokenHash: hashAccountLinkToken(token), usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (used.count === 0) throw new AppError("NOT_FOUND", CONFIRM_LINK_UNUSABLE_MESSAGE);
      const user = await tx.user.findUniqueOrThrow({ where: { id: link.userId }, select: { email: true } });
      if (link.kind === "EMAIL_VERIFICATION") {
        // Sent to the address the account had then; a later change makes it meaningless.
        if (user.email !== link.email) throw new AppError("NOT_FOUND", CONFIRM_LINK_UNUSABLE_MESSAGE);
        await tx.user.update({ where: { id: link.userId }, data: { emailVerifiedAt: now } });
        return { kind: "verified" as const, email: link.email };
      }
      await tx.user.update({ where: { id: link.userId }, data: { email: link.email, emailVerifiedAt: now } });
      await tx.accountRequest.updateMany({
        where: { userId: link.userId, kind: { in: ["EMAIL_CHANGE", "PASSWORD_RESET", "EMAIL_VERIFICATION"] }, usedAt: null },
        data: { usedAt: now },
      });
      return { kind: "changed" as const, email: link.email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "That address now belongs to another account, so it cannot become yours. Nothing changed.");
    }
    throw error;
  }
}
