import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { isMailSubscription, type MailSubscription } from "../../domain/mail/mail-preferences.ts";
import type { MailLinks } from "../../domain/mail/notification-mail.ts";

// Links an email carries that must work without signing in (one-click unsubscribe, RFC 8058):
// the token names the person and what to stop, signed with a key derived from the session
// secret, so it cannot be forged or pointed at someone else. It does not expire: an old email's
// unsubscribe link keeps working, as RFC 8058 expects.

function signature(secret: string, payload: string): string {
  return createHmac("sha256", `scholia-mail-links:${secret}`).update(payload).digest("base64url").slice(0, 32);
}

export function unsubscribeToken(secret: string, userId: string, subscription: MailSubscription): string {
  const payload = `${userId}.${subscription}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** The person and subscription of a valid token; null for anything else. */
export function readUnsubscribeToken(secret: string, token: string): { userId: string; subscription: MailSubscription } | null {
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z]{1,32})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, userId, subscription, given] = match as unknown as [string, string, string, string];
  if (!isMailSubscription(subscription)) return null;
  const expected = Buffer.from(signature(secret, `${userId}.${subscription}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { userId, subscription };
}

/** The one-click endpoint (List-Unsubscribe) and the page people open from the footer link. */
export function unsubscribeUrls(origin: string, token: string): { oneClick: string; page: string } {
  const query = `token=${encodeURIComponent(token)}`;
  return { oneClick: `${origin}/api/mail/unsubscribe?${query}`, page: `${origin}/unsubscribe?${query}` };
}

export function mailLinksFor(
  settings: { origin: string; secret: string },
  userId: string,
  subscription: MailSubscription,
): MailLinks & { oneClickUrl: string } {
  const urls = unsubscribeUrls(settings.origin, unsubscribeToken(settings.secret, userId, subscription));
  return { settingsUrl: `${settings.origin}/settings/notifications`, unsubscribeUrl: urls.page, oneClickUrl: urls.oneClick };
}

/** RFC 8058 headers: the HTTPS (here: the app's) URL a mail client may POST to, one click. */
export function listUnsubscribeHeaders(oneClickUrl: string): Record<string, string> {
  return { "List-Unsubscribe": `<${oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
