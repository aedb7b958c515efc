import { describe, expect, it } from "vitest";
import {
  buildContentSecurityPolicy,
  CROSS_SITE_MESSAGE,
  findCrossSiteRefusal,
  hasUndecodablePath,
  isOversizedServerAction,
  SERVER_ACTION_BODY_LIMIT,
} from "./request-security";

const directives = (policy: string) =>
  new Map(
    policy.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

describe("buildContentSecurityPolicy", () => {
  it("[CSP] scripts need this request's nonce; no 'unsafe-inline' or 'unsafe-eval' for scripts in production", () => {
    const policy = directives(buildContentSecurityPolicy("abc123=="));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("[CSP] forbids framing, plugins, foreign base URLs and foreign form targets", () => {
    const policy = directives(buildContentSecurityPolicy("n"));
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("[CSP] registered LMS origins, and only they, may frame the pages", () => {
    const policy = directives(
      buildContentSecurityPolicy("n", { frameOrigins: ["https://lms.example.edu", "https://school.instructure.com"] }),
    );
    expect(policy.get("frame-ancestors")).toEqual(["https://lms.example.edu", "https://school.instructure.com"]);
  });

  it("[CSP] development alone allows eval (React's debugging tools)", () => {
    expect(directives(buildContentSecurityPolicy("n", { isDevelopment: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(buildContentSecurityPolicy("n")).not.toContain("unsafe-eval");
  });
});

function refusal(method: string, pathname: string, headers: Record<string, string>) {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return findCrossSiteRefusal({ method, pathname, header: (name) => lower[name.toLowerCase()] ?? null });
}

describe("findCrossSiteRefusal", () => {
  const host = { host: "scholia.example" };

  it("[CSRF] a POST from another origin to the API is refused", () => {
    expect(refusal("POST", "/api/courses", { ...host, origin: "https://evil.example" })).toBe(CROSS_SITE_MESSAGE);
    expect(refusal("DELETE", "/api/annotations/x", { ...host, origin: "https://evil.example" })).toBe(CROSS_SITE_MESSAGE);
  });

  it("[CSRF] Sec-Fetch-Site cross-site or same-site (a sibling subdomain) is refused even with a matching Origin", () => {
    expect(refusal("POST", "/api/courses", { ...host, origin: "https://scholia.example", "sec-fetch-site": "cross-site" })).toBe(
      CROSS_SITE_MESSAGE,
    );
    expect(refusal("PATCH", "/api/annotations/x", { ...host, "sec-fetch-site": "same-site" })).toBe(CROSS_SITE_MESSAGE);
  });

  it("[CSRF] Origin: null and unparsable origins are refused", () => {
    expect(refusal("POST", "/api/courses", { ...host, origin: "null" })).toBe(CROSS_SITE_MESSAGE);
    expect(refusal("POST", "/api/courses", { ...host, origin: "not a url" })).toBe(CROSS_SITE_MESSAGE);
  });

  it("[CSRF] a same-origin request passes, by Origin or by Sec-Fetch-Site", () => {
    expect(refusal("POST", "/api/courses", { ...host, origin: "https://scholia.example", "sec-fetch-site": "same-origin" })).toBeNull();
    expect(refusal("POST", "/api/courses", { host: "scholia.example:8443", origin: "https://scholia.example:8443" })).toBeNull();
  });

  it("[CSRF] behind a proxy the forwarded host is the one compared", () => {
    const proxied = { host: "127.0.0.1:3000", "x-forwarded-host": "scholia.example" };
    expect(refusal("POST", "/api/courses", { ...proxied, origin: "https://scholia.example" })).toBeNull();
    expect(refusal("POST", "/api/courses", { ...proxied, origin: "http://127.0.0.1:3000" })).toBe(CROSS_SITE_MESSAGE);
  });

  it("[CSRF] a plain cross-site form POST to a page (a server action without JavaScript) is refused", () => {
    expect(refusal("POST", "/courses", { ...host, origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe(
      CROSS_SITE_MESSAGE,
    );
  });

  it("[CSRF] safe methods and next-auth's own endpoints are not checked here", () => {
    const foreign = { ...host, origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    expect(refusal("GET", "/api/courses", foreign)).toBeNull();
    expect(refusal("HEAD", "/api/courses", foreign)).toBeNull();
    expect(refusal("POST", "/api/auth/callback/credentials", foreign)).toBeNull();
  });

  it("[CSRF] a server action posted from another origin is refused; from ours it passes", () => {
    const action = { ...host, "next-action": "60c35e8c" };
    expect(refusal("POST", "/courses", { ...action, origin: "https://evil.example" })).toBe(CROSS_SITE_MESSAGE);
    expect(refusal("POST", "/courses", { ...action, origin: "https://scholia.example", "sec-fetch-site": "same-origin" })).toBeNull();
  });

  it("[CSRF] a request without Origin or Sec-Fetch-Site (no browser behind it) passes", () => {
    expect(refusal("POST", "/api/courses", host)).toBeNull();
  });

  it("[CSRF] a Bearer-token request without cookies is an API client and passes; with a cookie it is checked", () => {
    const foreign = { ...host, origin: "https://tool.example", authorization: "Bearer sk_123" };
    expect(refusal("POST", "/api/courses", foreign)).toBeNull();
    expect(refusal("POST", "/api/courses", { ...foreign, cookie: "next-auth.session-token=x" })).toBe(CROSS_SITE_MESSAGE);
  });

  it("[CSRF] RFC 8058 one-click unsubscribe is accepted from a mail provider's origin (its signed token is the authority); nothing else under /api/mail is", () => {
    const provider = { ...host, origin: "https://mail.provider.example", "sec-fetch-site": "cross-site" };
    expect(refusal("POST", "/api/mail/unsubscribe", provider)).toBeNull();
    expect(refusal("POST", "/api/mail/unsubscribe/other", provider)).toBe(CROSS_SITE_MESSAGE);
    expect(refusal("POST", "/api/mail", provider)).toBe(CROSS_SITE_MESSAGE);
  });

  it("[CSRF] an LMS posts the LTI login initiation and launch from its own origin; nothing else under /lti is exempt", () => {
    const lms = { ...host, origin: "https://lms.example.edu", "sec-fetch-site": "cross-site" };
    expect(refusal("POST", "/lti/login", lms)).toBeNull();
    expect(refusal("POST", "/lti/launch", lms)).toBeNull();
    expect(refusal("POST", "/lti/launch/other", lms)).toBe(CROSS_SITE_MESSAGE);
    expect(refusal("POST", "/operator/lti", lms)).toBe(CROSS_SITE_MESSAGE);
  });
});

describe("isOversizedServerAction", () => {
  const call = (headers: Record<string, string>, method = "POST") =>
    isOversizedServerAction({ method, header: (name) => headers[name] ?? null });

  it("[MALFORMED] a server action declaring more than 1 MB is refused before Next reads it", () => {
    expect(call({ "next-action": "abc", "content-length": String(SERVER_ACTION_BODY_LIMIT + 1) })).toBe(true);
    expect(call({ "next-action": "abc", "content-length": String(SERVER_ACTION_BODY_LIMIT) })).toBe(false);
  });

  it("[MALFORMED] other requests and bodies without a length are left alone", () => {
    expect(call({ "content-length": String(SERVER_ACTION_BODY_LIMIT * 5) })).toBe(false);
    expect(call({ "next-action": "abc" })).toBe(false);
    expect(call({ "next-action": "abc", "content-length": "999999999" }, "GET")).toBe(false);
  });
});

describe("hasUndecodablePath", () => {
  it("[MALFORMED] invalid UTF-8 in any path segment is found: bytes that start no character, encoded surrogates, overlong forms, broken escapes", () => {
    for (const path of [
      "/readings/%FF",
      "/api/annotations/%ED%A0%80",
      "/api/courses/%C0%AF/members",
      "/join/%E2%82",
      "/readings/abc/edit/%",
      "/readings/%zz",
      "/api/readings/x/paragraphs/%F4%90%80%80/thread",
    ]) {
      expect(hasUndecodablePath(path), path).toBe(true);
    }
  });

  it("[MALFORMED] valid percent-encoding and plain paths pass", () => {
    for (const path of ["/", "/readings/abc", "/readings/%F0%9F%98%80", "/search", "/api/readings/a%2Fb", "/courses/%E2%80%AE", "/a%20b"]) {
      expect(hasUndecodablePath(path), path).toBe(false);
    }
  });
});
