// The rules the proxy (proxy.ts) applies to every request, kept pure so they are unit-tested
// without a server: the Content-Security-Policy of a page and the cross-site request check of
// the API.

/**
 * The policy of one response. Scripts run only with this request's nonce ('strict-dynamic' lets
 * the scripts Next loads with that nonce load their own chunks, such as the lazily loaded
 * editor); 'self' and 'unsafe-inline' are fallbacks ignored by browsers that know nonces.
 * Styles keep 'unsafe-inline': React writes style attributes (the selection toolbar's position),
 * which a nonce cannot cover. Development needs 'unsafe-eval' for React's debugging tools.
 */
export function buildContentSecurityPolicy(
  nonce: string,
  {
    isDevelopment = false,
    frameOrigins = [],
    formTargets = [],
  }: {
    isDevelopment?: boolean;
    frameOrigins?: readonly string[];
    /** Origins forms may post to besides Scholia's own: an LMS's, for a deep linking answer. */
    formTargets?: readonly string[];
  } = {},
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    formTargets.length === 0 ? "form-action 'self'" : `form-action 'self' ${formTargets.join(" ")}`,
    // Only registered LMSs (LTI platforms) may show Scholia in a frame; with none, nobody may.
    frameOrigins.length === 0 ? "frame-ancestors 'none'" : `frame-ancestors ${frameOrigins.join(" ")}`,
  ].join("; ");
}

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

export type CrossSiteRequest = {
  method: string;
  pathname: string;
  /** Header lookup, case-insensitive like Headers.get. */
  header: (name: string) => string | null;
};

export const CROSS_SITE_MESSAGE = "Cross-site requests cannot change anything here. Use Scholia's own pages or an API token.";

/**
 * Why a request that changes something must be refused as cross-site, or null to let it
 * through. SameSite=Lax cookies already keep a foreign site's form posts anonymous; this is the
 * second lock, and the one that holds for a sibling subdomain (same site, other origin).
 *
 * - Every unsafe method is checked: the API's mutations, and the POSTs pages receive, which are
 *   server actions (with a Next-Action header from the client, or as a plain form without
 *   JavaScript). Next refuses a cross-origin server action too, but by throwing (a 500); this
 *   answers first, with a 403 that says why. next-auth's endpoints (/api/auth/*) carry their own
 *   double-submit CSRF token and are left to it (their sign-in form posts from our own page).
 * - A request with `Authorization: Bearer` and no cookie is an API client, not a browser
 *   riding on a session: no ambient credential, nothing to forge.
 * - Browsers send Sec-Fetch-Site and Origin on every cross-origin POST. Either one naming
 *   another origin refuses the request. A request with neither (curl, server-to-server, test
 *   clients) has no browser behind it to trick and passes.
 */
export const ONE_CLICK_UNSUBSCRIBE_PATH = "/api/mail/unsubscribe";

/** The LTI login initiation and launch, which LMSs post to from their own origin. */
export const LTI_CROSS_SITE_PATHS: ReadonlySet<string> = new Set(["/lti/login", "/lti/launch"]);

export function findCrossSiteRefusal(request: CrossSiteRequest): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.pathname.startsWith("/api/auth/")) return null;
  // One-click unsubscribe (RFC 8058): mail providers POST from anywhere; the signed token in the
  // URL is the only authority, and no session is used.
  if (request.pathname === ONE_CLICK_UNSUBSCRIBE_PATH) return null;
  // An LTI launch is a form an LMS posts from its own origin (IMS Security Framework): the
  // id_token signed by the LMS and the state bound to this browser by a cookie are its checks.
  if (LTI_CROSS_SITE_PATHS.has(request.pathname)) return null;
  if (/^Bearer\s/i.test(request.header("authorization") ?? "") && !request.header("cookie")) return null;
  const fetchSite = request.header("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") return CROSS_SITE_MESSAGE;
  const origin = request.header("origin");
  if (origin === null) return null;
  const host = request.header("x-forwarded-host")?.split(",")[0]?.trim() || request.header("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, privacy-sensitive redirects) and garbage are not our origin.
    return CROSS_SITE_MESSAGE;
  }
  return host !== null && originHost === host.toLowerCase() ? null : CROSS_SITE_MESSAGE;
}

/** Next's default limit for a server action's body (serverActions.bodySizeLimit, 1 MB). */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * Whether a server action call declares a body over the limit. Next refuses those itself, but by
 * throwing mid-request (a 500); the proxy answers 413 first. Chunked bodies (no Content-Length)
 * still meet Next's own check.
 */
export function isOversizedServerAction(request: Pick<CrossSiteRequest, "method" | "header">): boolean {
  if (request.method.toUpperCase() !== "POST" || request.header("next-action") === null) return false;
  const length = Number(request.header("content-length") ?? "0");
  return Number.isFinite(length) && length > SERVER_ACTION_BODY_LIMIT;
}

export const UNDECODABLE_PATH_MESSAGE = "This address has a part that is not valid UTF-8 once decoded (e.g. %FF): check the link.";

/**
 * Whether a request path has a segment that does not percent-decode to valid UTF-8 (%FF, an
 * encoded surrogate like %ED%A0%80, an overlong %C0%AF, a lone %). Next fails on such a dynamic
 * segment with a bare 500, on any route; the proxy answers them first, for every route alike.
 */
export function hasUndecodablePath(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}
