import { NextResponse } from "next/server";
import { getMailSettings } from "@/lib/server/mail/mail-settings";
import { isOperatorConfigured, OPERATOR_COOKIE, operatorCookieFor } from "@/lib/server/operator/operator-access";

/**
 * /operator/enter?key=… — the operator's way in: the key form on /operator submits here, and
 * `npm start` prints a link to it. A right key sets the operator cookie; a wrong one goes back to
 * the form with a message. Relative redirects: the public origin may not be set in development.
 */
export function GET(request: Request): Response {
  if (!isOperatorConfigured()) return new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const key = (url.searchParams.get("key") ?? "").slice(0, 512);
  const value = operatorCookieFor(key);
  const origin = safeOrigin(request);
  if (!value) return NextResponse.redirect(new URL("/operator?error=key", origin), 303);
  const nextPage = url.searchParams.get("next");
  const next = nextPage === "outbox" ? "/operator/outbox" : nextPage === "lti" ? "/operator/lti" : "/operator";
  const response = NextResponse.redirect(new URL(next, origin), 303);
  response.cookies.set(OPERATOR_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    path: "/operator",
    maxAge: 12 * 60 * 60,
    secure: origin.startsWith("https:"),
  });
  return response;
}

function safeOrigin(request: Request): string {
  try {
    return getMailSettings().origin;
  } catch {
    return new URL(request.url).origin;
  }
}
