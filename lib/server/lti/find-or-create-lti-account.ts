import "server-only";
import { displayNameFromClaims, type LtiLaunchClaims } from "../../domain/lti.ts";
import { takeBackUnconfirmedAccount } from "../accounts/take-back-unconfirmed-account.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { hashState } from "./lti-login-state.ts";

/**
 * The account of this LMS user: the one linked before; else the account with the (platform-
 * verified) email, linked now — taken back from whoever opened it if its address was never
 * confirmed, as single sign-on does; else a new account without a password (it signs in only
 * through the LMS, or through password reset by email once it has a real address).
 */
export async function findOrCreateLtiAccount(
  platformId: string,
  claims: Pick<LtiLaunchClaims, "sub" | "email" | "name" | "given_name" | "family_name">,
): Promise<{ id: string; email: string; name: string }> {
  const db = getDb();
  const select = { id: true, email: true, name: true } as const;
  for (let attempt = 0; ; attempt += 1) {
    const linked = await db.ltiAccount.findUnique({
      where: { platformId_subject: { platformId, subject: claims.sub } },
      select: { user: { select } },
    });
    if (linked) return linked.user;
    try {
      return await db.$transaction(async (tx) => {
        const email =
          claims.email?.toLowerCase() ?? `lti-${hashState(`${platformId}:${claims.sub}`).slice(0, 24).toLowerCase()}@lms.invalid`;
        const existing = await tx.user.findUnique({ where: { email }, select: { ...select, emailVerifiedAt: true } });
        // The institution's LMS vouches for the address it sends; a made-up one gets no mail.
        const emailVerifiedAt = claims.email ? new Date() : null;
        if (existing && emailVerifiedAt) await takeBackUnconfirmedAccount(tx, existing, emailVerifiedAt);
        const user =
          existing ??
          (await tx.user.create({ data: { email, name: displayNameFromClaims(claims), passwordHash: "", emailVerifiedAt }, select }));
        await tx.ltiAccount.create({ data: { platformId, subject: claims.sub, userId: user.id } });
        return user;
      });
    } catch (error) {
      // Two first launches at once: the other one linked it; read it back.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}
