import { NextResponse, type NextRequest } from "next/server";
import {
  buildContentSecurityPolicy,
  findCrossSiteRefusal,
  hasUndecodablePath,
  isOversizedServerAction,
  UNDECODABLE_PATH_MESSAGE,
} from "@/lib/domain/request-security";
import { findCanonicalAddress } from "@/lib/domain/annotation-container-address";
import { withoutUnreadableCallbackCookie } from "@/lib/domain/next-auth-request";
import { listFrameOrigins } from "@/lib/server/lti/list-frame-origins";
import { publicOrigin } from "@/lib/server/public-origin";

// Runs before every page and API route (Next 16's successor to middleware.ts). Its jobs all need
// the request before anything renders: a fresh script nonce for the page's CSP (Next reads it
// back from the request's Content-Security-Policy header and puts it on its own scripts),
// refusing cross-site requests that would change something (API or server action), and
// answering a path Next could not decode (invalid UTF-8) before Next fails on it with a 500.
// Authorization stays in the routes and services; this only looks at headers.
export async function proxy(request: NextRequest) {
  const described = { method: request.method, pathname: request.nextUrl.pathname, header: (name: string) => request.headers.get(name) };
  const refusal = findCrossSiteRefusal(described);
  if (refusal !== null) {
    return NextResponse.json({ error: { code: "FORBIDDEN", message: refusal } }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  if (isOversizedServerAction(described)) {
    return NextResponse.json(
      { error: { code: "PAYLOAD_TOO_LARGE", message: "This form sent more than 1 MB. Shorten what you typed and try again." } },
      { status: 413, headers: { "Cache-Control": "no-store" } },
    );
  }

  const isUndecodable = hasUndecodablePath(request.nextUrl.pathname);
  if (isUndecodable && request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json(
      { error: { code: "VALIDATION", message: UNDECODABLE_PATH_MESSAGE } },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }

  // Next's own trailing-slash redirect is off (next.config.js): annotation containers end in "/",
  // every other address does not. 308 keeps a POST's method and body. A browser never follows a
  // redirect from a CORS preflight, so a preflight is answered where it was sent (the route
  // serves both forms), and an API redirect may be read from any origin (it carries nothing).
  const isPreflight = request.method === "OPTIONS" && request.headers.has("access-control-request-method");
  const canonical = isPreflight ? null : findCanonicalAddress(request.nextUrl.pathname, request.nextUrl.search);
  if (canonical !== null) {
    const headers: Record<string, string> = { Location: new URL(canonical, publicOrigin()).toString(), "Cache-Control": "no-store" };
    if (request.nextUrl.pathname.startsWith("/api/")) headers["Access-Control-Allow-Origin"] = "*";
    return new NextResponse(null, { status: 308, headers });
  }

  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
  const frameOrigins = request.nextUrl.pathname.startsWith("/api/") ? [] : await listFrameOrigins();
  const policy = buildContentSecurityPolicy(nonce, {
    isDevelopment: process.env.NODE_ENV === "development",
    // Registered LMSs show Scholia's pages in an iframe; the API is never framed.
    frameOrigins,
    // A deep linking answer is a form Scholia posts to the LMS that asked (LTI Deep Linking 2.0).
    formTargets: request.nextUrl.pathname.startsWith("/lti/deep-link/") ? frameOrigins : [],
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  // A callback-url cookie next-auth cannot read would make every session check (each page, the
  // API, /api/auth/session) answer 500; the browser resends it by itself, so it is dropped here
  // and cleared, not refused.
  const cleanedCookies = withoutUnreadableCallbackCookie(request.headers.get("cookie"), request.nextUrl.origin);
  if (cleanedCookies) requestHeaders.set("cookie", cleanedCookies.header);
  // A page address that cannot be decoded names nothing: the site's own 404 page (no route
  // answers this internal path), with the page's usual policy.
  const response = isUndecodable
    ? NextResponse.rewrite(new URL("/_undecodable-address", request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const name of cleanedCookies?.removed ?? []) response.cookies.delete(name);
  return response;
}

export const config = {
  // Hashed build assets and the icon are not documents: no policy or check to add.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
