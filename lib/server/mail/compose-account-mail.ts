import "server-only";
import { isAccountLinkUsable } from "../../domain/account-requests.ts";
import { accountMail } from "../../domain/mail/account-mail.ts";
import { renderMail } from "../../domain/mail/mail-markup.ts";
import { hashAccountLinkToken, newAccountLinkToken } from "../accounts/account-link-token.ts";
import { getDb } from "../db.ts";
import type { ComposedMail } from "./composed-mail.ts";
import type { MailSettings } from "./mail-settings.ts";

/**
 * An account email (lib/domain/mail/account-mail.ts). Its link's secret is made here, as the
 * email goes out, and only its hash is stored: the secret is never in the database or in the job
 * queue. A retried send makes a new secret (the earlier one, never delivered, stops working).
 * A request already used or expired, or one whose account changed address since, sends nothing.
 */
export async function composeAccountMail(settings: MailSettings, requestId: string, now = new Date()): Promise<ComposedMail> {
  const db = getDb();
  const request = await db.accountRequest.findUnique({
    where: { id: requestId },
    select: { kind: true, email: true, usedAt: true, expiresAt: true, user: { select: { email: true, name: true, deletedAt: true } } },
  });
  if (!request?.user || request.user.deletedAt) return { kind: "skip", reason: "The account no longer exists." };
  if (!isAccountLinkUsable(request, now)) return { kind: "skip", reason: "The request was used or expired before its email went out." };
  const { user } = request;
  if (request.kind !== "EMAIL_CHANGE" && request.email !== user.email) {
    return { kind: "skip", reason: "The account's address changed since the request." };
  }
  const forgotUrl = `${settings.origin}/forgot-password`;

  if (request.kind === "SIGN_UP_TAKEN") {
    const message = accountMail({ kind: "SIGN_UP_TAKEN", name: user.name, signInUrl: `${settings.origin}/sign-in`, forgotUrl });
    return { kind: "send", to: request.email, ...renderMail(message), headers: {} };
  }

  const token = newAccountLinkToken();
  const stored = await db.accountRequest.updateMany({
    where: { id: requestId, usedAt: null, expiresAt: { gt: now } },
    data: { tokenHash: hashAccountLinkToken(token) },
  });
  if (stored.count === 0) return { kind: "skip", reason: "The request was used or expired before its email went out." };
  const query = `token=${encodeURIComponent(token)}`;
  const message =
    request.kind === "PASSWORD_RESET"
      ? accountMail({ kind: "PASSWORD_RESET", name: user.name, url: `${settings.origin}/reset-password?${query}`, forgotUrl })
      : request.kind === "EMAIL_VERIFICATION"
        ? accountMail({ kind: "EMAIL_VERIFICATION", name: user.name, url: `${settings.origin}/confirm-email?${query}` })
        : accountMail({ kind: "EMAIL_CHANGE", name: user.name, url: `${settings.origin}/confirm-email?${query}`, newEmail: request.email });
  return { kind: "send", to: request.email, ...renderMail(message), headers: {} };
}
