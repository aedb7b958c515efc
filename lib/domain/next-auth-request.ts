// What next-auth's endpoints (/api/auth/*) are given, checked before next-auth sees it.
//
// next-auth 4 trusts its inputs: a callbackUrl it cannot parse ("%", "::", an undecodable
// "%FF") makes its URL handling throw, an error code that is not ASCII goes into a Location
// header, and a GET on the credentials callback falls through to "not supported" — each a 500.
// Requests that carry such input are refused here with a 4xx and a message. The callback-url
// cookie is not refused but cleaned (auth-options' redirect callback): a browser resends an old
// cookie by itself, and its owner expects the page to work, not an error.

export type NextAuthRefusal = {
  status: 400 | 405;
  message: string;
  /** For a 405: the methods the endpoint takes. */
  allow?: string;
  field?: string;
};

export type NextAuthRequestFacts = {
  method: string;
  /** The path after /api/auth/: ["callback", "credentials"], ["session"], … */
  segments: string[];
  /** The query string as sent, percent-encoded ("?a=b" or ""). */
  search: string;
  /** The body as sent, when there is one. */
  body?: { contentType: string | null; text: string };
};

/** Codes next-auth and Scholia put in `?error=` ("CredentialsSignin", "RateLimited:60", …). */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9:_-]{0,99}$/;

const CALLBACK_URL_MESSAGE = "callbackUrl is not a valid address: give a path on this site, such as /courses.";

/** The refusal for a request next-auth must not see, or null when it may go on. */
export function checkNextAuthRequest(facts: NextAuthRequestFacts, origin: string): NextAuthRefusal | null {
  const [action, providerId] = facts.segments;
  const method = facts.method.toUpperCase();
  if (action === "callback" && providerId === "credentials" && method !== "POST") {
    return {
      status: 405,
      allow: "POST",
      message: "Signing in with an email and password is a POST from the sign-in form (/sign-in), not a link.",
    };
  }

  const query = decodeForm(facts.search.replace(/^\?/, ""));
  if (!query) return { status: 400, field: "query", message: "The address's query is not valid: a parameter is not UTF-8 text." };
  const form = readBody(facts.body);
  if (!form) return { status: 400, field: "body", message: "The form is not valid: a field is not UTF-8 text." };

  for (const fields of [query, form]) {
    if ("callbackUrl" in fields && !isReadableCallbackUrl(fields.callbackUrl, origin)) {
      return { status: 400, field: "callbackUrl", message: CALLBACK_URL_MESSAGE };
    }
  }
  if ("error" in query && !(typeof query.error === "string" && ERROR_CODE.test(query.error))) {
    return { status: 400, field: "error", message: "error is not a sign-in error code." };
  }
  return null;
}

/**
 * Whether next-auth can read a callbackUrl at all: text without control characters or
 * backslashes, every "%" the start of an escape, and a path ("/…") or an absolute URL. Where
 * it leads is decided after (another site's address is replaced by a path of this one).
 */
export function isReadableCallbackUrl(value: unknown, origin: string): boolean {
  if (typeof value !== "string" || value.length === 0 || value.length > 4096) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\\\ufffd]/.test(value)) return false;
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return false;
  try {
    // A path of this site, or an absolute URL: "::" or "x" relative to whatever page is neither.
    if (value.startsWith("/")) new URL(value, origin);
    else new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** The fields of an application/x-www-form-urlencoded text, or null when one is not UTF-8. */
function decodeForm(text: string): Record<string, string> | null {
  const fields: Record<string, string> = {};
  if (text === "") return fields;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const [rawKey, rawValue] = equals === -1 ? [pair, ""] : [pair.slice(0, equals), pair.slice(equals + 1)];
    try {
      // As URLSearchParams (and so next-auth) reads it: "+" is a space, a "%" that starts no
      // escape is itself, a repeated key's last value wins. Only bytes that are not UTF-8 fail.
      const decode = (raw: string) => decodeURIComponent(raw.replace(/\+/g, " ").replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
      fields[decode(rawKey)] = decode(rawValue);
    } catch {
      return null;
    }
  }
  return fields;
}

/** The body's fields as next-auth will read them (form or JSON); other bodies carry none. */
function readBody(body: NextAuthRequestFacts["body"]): Record<string, unknown> | null {
  if (!body || body.text === "") return {};
  if (body.contentType?.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body.text);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  if (body.contentType?.includes("application/x-www-form-urlencoded")) return decodeForm(body.text);
  return {};
}

/** next-auth's callback-url cookie, over http and over https. */
export const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"] as const;

/**
 * A Cookie header without a callback-url cookie next-auth cannot read (its config check answers
 * 500 for one, on every page that reads the session), and the names removed; null when nothing
 * needs removing. A readable one stays: next-auth's redirect callback decides where it leads.
 */
export function withoutUnreadableCallbackCookie(cookieHeader: string | null, origin: string): { header: string; removed: string[] } | null {
  if (!cookieHeader || !CALLBACK_URL_COOKIES.some((name) => cookieHeader.includes(name))) return null;
  const removed: string[] = [];
  const kept = cookieHeader.split(";").filter((part) => {
    const equals = part.indexOf("=");
    const name = (equals === -1 ? part : part.slice(0, equals)).trim();
    if (!(CALLBACK_URL_COOKIES as readonly string[]).includes(name)) return true;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(equals + 1).trim());
    } catch {
      value = "";
    }
    if (isReadableCallbackUrl(value, origin) && /^https?:$/.test(new URL(value, origin).protocol)) return true;
    removed.push(name);
    return false;
  });
  return removed.length === 0 ? null : { header: kept.join(";").trim(), removed };
}
