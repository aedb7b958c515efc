// Where to send someone after sign-in or sign-up: a path of this site, never another site.
//
// A browser parses what it is given more leniently than a prefix check: it drops tabs and line
// breaks anywhere in a URL ("/\t/evil.example" becomes "//evil.example", another host), reads a
// backslash as a slash, and ignores leading control characters. So the candidate is refused if it
// holds any of those, then resolved with the URL parser against the site's own origin; only a
// result on that origin is kept, and what is returned is the parser's own normalised
// path + query + fragment (percent-encoded: safe in a Location header and for router.push).

export const DEFAULT_RETURN_PATH = "/courses";
const MAX_RETURN_PATH_LENGTH = 512;

/**
 * A same-origin path to return to; anything else → `fallback`. `origin` is the site's public
 * origin (e.g. "https://scholia.example.edu"); an absolute URL on it is accepted and made a path.
 */
export function safeReturnPath(candidate: unknown, origin: string, fallback = DEFAULT_RETURN_PATH): string {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > MAX_RETURN_PATH_LENGTH) return fallback;
  // C0 controls (tab, CR, LF, NUL…), DEL, backslashes: refused, never cleaned up.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback;
  let site: URL;
  let resolved: URL;
  try {
    site = new URL(origin);
    resolved = new URL(candidate, site);
  } catch {
    return fallback;
  }
  if (resolved.origin !== site.origin) return fallback;
  // A relative candidate must be a path ("/x"), not "x" or "?x" relative to whatever page.
  if (!candidate.startsWith("/") && !candidate.toLowerCase().startsWith(site.origin.toLowerCase())) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // "//host" can never come out of a same-origin URL's pathname, but a path starting so would be
  // read as another host by whatever follows it: refuse rather than trust that.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
