import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/server/app-error";
import { getMailSettings } from "@/lib/server/mail/mail-settings";
import { isOperatorConfigured, OPERATOR_COOKIE, operatorCookieFor } from "@/lib/server/operator/operator-access";
import { route } from "@/lib/server/route";

/**
 * /operator/enter?key=… — the operator's way in: the key form on /operator submits here, and
 * `npm start` prints a link to it. A right key sets the operator cookie; a wrong one goes back to
 * the form with a message. Relative redirects: the public origin may not be set in development.
 * No actor: the operator key, not a session, is what opens the operator pages.
 */
const operatorEntryQuery = z.object({
  // A key longer than any real one cannot match; it is cut rather than refused, so the answer is the form's.
  key: z
    .string()
    .default("")
    .transform((key) => key.slice(0, 512)),
  // Where to go once in; anything else is the operator home page.
  next: z.enum(["outbox", "lti"]).optional().catch(undefined),
});

const NEXT_PAGES = { outbox: "/operator/outbox", lti: "/operator/lti" } as const;

export const GET = route({ auth: "none", query: operatorEntryQuery }, ({ request, query }) => {
  if (!isOperatorConfigured()) throw new AppError("NOT_FOUND", "Not found.");
  const value = operatorCookieFor(query.key);
  const origin = safeOrigin(request);
  if (!value) return Promise.resolve(NextResponse.redirect(new URL("/operator?error=key", origin), 303));
  const next = query.next ? NEXT_PAGES[query.next] : "/operator";
  const response = NextResponse.redirect(new URL(next, origin), 303);
  response.cookies.set(OPERATOR_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    path: "/operator",
    maxAge: 12 * 60 * 60,
    secure: origin.startsWith("https:"),
  });
  return Promise.resolve(response);
});

function safeOrigin(request: Request): string {
  try {
    return getMailSettings().origin;
  } catch {
    return new URL(request.url).origin;
  }
}
