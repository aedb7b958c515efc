import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

// An LTI 1.3 platform (an LMS) for tests, on 127.0.0.1: it does what the IMS Security Framework
// 1.0 and LTI Core 1.3 ask of a platform, with keys of its own (jose, RS256) published at its
// JWKS URL. A test (or a browser) opens /launch with who launches what; the platform sends the
// browser to the tool's login initiation URL, answers the tool's authentication request at /auth
// with an id_token posted to the tool's redirect URI (response_mode=form_post), exactly as an LMS.
// To test the tool's refusals it can also misbehave on request (`tamper`): sign with a key that
// is not in its JWKS, address another audience, send an expired token, name an unknown
// deployment, reuse an earlier launch's nonce, or post an earlier launch again.
// Used in-process by integration tests and by e2e through e2e/fixtures/lti-platform-server.ts.

export const LTI_ROLES = {
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  ta: "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
  mentor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor",
  institutionStudent: "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
} as const;

export type LtiTamper = "foreign-key" | "wrong-audience" | "expired" | "unknown-deployment" | "stale-nonce" | "no-context";

/** One launch: who opens which link in which course. */
export type LtiLaunchSpec = {
  sub: string;
  name: string;
  email?: string;
  roles: string[];
  contextId: string;
  contextTitle: string;
  resourceLinkId: string;
  /** The link's target_link_uri (a URL of the tool). */
  targetLinkUri: string;
  tamper?: LtiTamper;
};

export type LtiTestPlatform = {
  issuer: string;
  clientId: string;
  deploymentId: string;
  authLoginUrl: string;
  accessTokenUrl: string;
  jwksUrl: string;
  /** The URL that starts a launch in a browser (a page framing the tool, as an LMS does). */
  launchPageUrl(spec: LtiLaunchSpec, { framed }?: { framed?: boolean }): string;
  /** The login initiation URL the platform sends the browser to (step 1), for tests without a browser. */
  loginInitiationUrl(spec: LtiLaunchSpec): string;
  /** Answers the tool's authentication request (step 2) as /auth does: the form it would post. */
  authorize(authRequestUrl: string): Promise<{ action: string; idToken: string; state: string }>;
  stop(): Promise<void>;
};

type Options = {
  /** The tool's origin (e.g. http://127.0.0.1:3000): its /lti/login and /lti/launch. */
  toolOrigin: string;
  port?: number;
  clientId?: string;
  deploymentId?: string;
};

const CLAIM = "https://purl.imsglobal.org/spec/lti/claim";

export async function startLtiTestPlatform({
  toolOrigin,
  port = 0,
  clientId = "scholia-test-client",
  deploymentId = "deployment-1",
}: Options): Promise<LtiTestPlatform> {
  const kid = `platform-key-${randomUUID()}`;
  const signing = await generateKeyPair("RS256", { extractable: true });
  // Not in the JWKS: a launch signed with it must be refused.
  const intruder = await generateKeyPair("RS256", { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid, alg: "RS256", use: "sig" };

  const pending = new Map<string, LtiLaunchSpec>();
  const issued = new Map<string, { action: string; idToken: string; state: string }>();
  let lastNonce: string | null = null;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function remember(spec: LtiLaunchSpec): string {
    const hint = randomBytes(12).toString("base64url");
    pending.set(hint, spec);
    if (pending.size > 1000) pending.delete(pending.keys().next().value!);
    return hint;
  }

  function loginInitiationUrl(spec: LtiLaunchSpec): string {
    const url = new URL("/lti/login", toolOrigin);
    url.searchParams.set("iss", issuer);
    url.searchParams.set("login_hint", spec.sub);
    url.searchParams.set("target_link_uri", spec.targetLinkUri);
    url.searchParams.set("lti_message_hint", remember(spec));
    url.searchParams.set("client_id", clientId);
    url.searchParams.set("lti_deployment_id", deploymentId);
    return url.toString();
  }

  async function signIdToken(spec: LtiLaunchSpec, nonce: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      nonce: spec.tamper === "stale-nonce" && lastNonce ? lastNonce : nonce,
      name: spec.name,
      ...(spec.email ? { email: spec.email } : {}),
      [`${CLAIM}/message_type`]: "LtiResourceLinkRequest",
      [`${CLAIM}/version`]: "1.3.0",
      [`${CLAIM}/deployment_id`]: spec.tamper === "unknown-deployment" ? "deployment-nobody-registered" : deploymentId,
      [`${CLAIM}/target_link_uri`]: spec.targetLinkUri,
      [`${CLAIM}/resource_link`]: { id: spec.resourceLinkId, title: "Reading" },
      [`${CLAIM}/roles`]: spec.roles,
      ...(spec.tamper === "no-context"
        ? {}
        : {
            [`${CLAIM}/context`]: {
              id: spec.contextId,
              label: spec.contextId.toUpperCase(),
              title: spec.contextTitle,
              type: ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"],
            },
          }),
      [`${CLAIM}/launch_presentation`]: { document_target: "iframe", return_url: `${issuer}/return` },
    };
    const key: CryptoKey = spec.tamper === "foreign-key" ? intruder.privateKey : signing.privateKey;
    const expiresAt = spec.tamper === "expired" ? now - 600 : now + 300;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(issuer)
      .setAudience(spec.tamper === "wrong-audience" ? "another-tool" : clientId)
      .setSubject(spec.sub)
      .setIssuedAt(spec.tamper === "expired" ? now - 900 : now)
      .setExpirationTime(expiresAt)
      .sign(key);
  }

  /** The authentication response (IMS Security Framework 5.1.1.3) for a request URL, or an error. */
  async function authorize(authRequestUrl: string): Promise<{ action: string; idToken: string; state: string }> {
    const query = new URL(authRequestUrl).searchParams;
    const expect = (name: string, value: string) => {
      if (query.get(name) !== value) throw new Error(`The authentication request's ${name} must be ${value}, not ${query.get(name)}.`);
    };
    expect("scope", "openid");
    expect("response_type", "id_token");
    expect("response_mode", "form_post");
    expect("prompt", "none");
    expect("client_id", clientId);
    expect("redirect_uri", `${toolOrigin}/lti/launch`);
    const spec = pending.get(query.get("lti_message_hint") ?? "");
    if (!spec) throw new Error("Unknown lti_message_hint.");
    expect("login_hint", spec.sub);
    const nonce = query.get("nonce");
    const state = query.get("state");
    if (!nonce || !state) throw new Error("The authentication request needs a nonce and a state.");
    const idToken = await signIdToken(spec, nonce);
    lastNonce = nonce;
    const form = { action: `${toolOrigin}/lti/launch`, idToken, state };
    issued.set(query.get("lti_message_hint")!, form);
    return form;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", issuer);
    if (url.pathname === "/health") return void response.end("ok");
    if (url.pathname === "/jwks") {
      response.setHeader("Content-Type", "application/json");
      return void response.end(JSON.stringify({ keys: [publicJwk] }));
    }
    if (url.pathname === "/auth") {
      try {
        return void sendHtml(response, autoPostPage(await authorize(url.toString())));
      } catch (error) {
        response.statusCode = 400;
        return void response.end(error instanceof Error ? error.message : String(error));
      }
    }
    if (url.pathname === "/replay") {
      // Posts the launch the platform issued for this hint again, word for word.
      const form = issued.get(url.searchParams.get("hint") ?? "");
      if (!form) return void ((response.statusCode = 404), response.end("nothing issued for this hint"));
      return void sendHtml(response, autoPostPage(form));
    }
    if (url.pathname === "/launch") {
      const spec = JSON.parse(url.searchParams.get("spec") ?? "null") as LtiLaunchSpec | null;
      if (!spec) return void ((response.statusCode = 400), response.end("spec missing"));
      const initiation = loginInitiationUrl(spec);
      const hint = new URL(initiation).searchParams.get("lti_message_hint")!;
      if (url.searchParams.get("framed") === "0") {
        response.statusCode = 302;
        response.setHeader("Location", initiation);
        return void response.end();
      }
      return void sendHtml(
        response,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS: ${escapeHtml(spec.contextTitle)}</title></head>` +
          `<body><main><h1>Test LMS: ${escapeHtml(spec.contextTitle)}</h1><p data-hint="${escapeHtml(hint)}">Signed in as ${escapeHtml(spec.name)}.</p>` +
          `<iframe title="Scholia" name="tool" src="${escapeHtml(initiation)}" style="width:100%;height:80vh;border:1px solid #888"></iframe></main></body></html>`,
      );
    }
    response.statusCode = 404;
    response.end("not found");
  }

  return {
    issuer,
    clientId,
    deploymentId,
    authLoginUrl: `${issuer}/auth`,
    accessTokenUrl: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    launchPageUrl: (spec, { framed = true } = {}) =>
      `${issuer}/launch?${new URLSearchParams({ spec: JSON.stringify(spec), framed: framed ? "1" : "0" }).toString()}`,
    loginInitiationUrl,
    authorize,
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function autoPostPage({ action, idToken, state }: { action: string; idToken: string; state: string }): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Launching…</title></head><body>` +
    `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="id_token" value="${escapeHtml(idToken)}">` +
    `<input type="hidden" name="state" value="${escapeHtml(state)}"><noscript><button type="submit">Continue</button></noscript></form>` +
    `<script>document.forms[0].submit()</script></body></html>`
  );
}

function sendHtml(response: ServerResponse, html: string): void {
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  response.setHeader("Cache-Control", "no-store");
  response.end(html);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
