import "server-only";
import { getDb } from "../db.ts";
import { ltiLoginInitiationSchema } from "./start-lti-login.ts";

/**
 * The address that starts a login again, in a new tab, when the browser would not keep Scholia's
 * cookies inside the LMS's iframe: the same initiation the LMS sent, for a login not yet used
 * and not expired. Null otherwise (the link would only fail).
 */
export async function findLoginRetryUrl({ loginId }: { loginId: string }): Promise<string | null> {
  const login = await getDb().ltiLogin.findUnique({ where: { id: loginId }, select: { initiation: true, usedAt: true, expiresAt: true } });
  if (!login || login.usedAt !== null || login.expiresAt <= new Date()) return null;
  const initiation = ltiLoginInitiationSchema.safeParse(login.initiation);
  if (!initiation.success) return null;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(initiation.data)) if (value !== undefined) query.set(key, value);
  return `/lti/login?${query.toString()}`;
}
