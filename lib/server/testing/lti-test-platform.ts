import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTVerifyGetKey,
} from "jose";

// An LTI 1.3 platform (an LMS) for tests, on 127.0.0.1: it does what the IMS Security Framework
// 1.0 and LTI Core 1.3 ask of a platform, with keys of its own (jose, RS256) published at its
// JWKS URL. A test (or a browser) opens /launch with who launches what; the platform sends the
// browser to the tool's login initiation URL, answers the tool's authentication request at /auth
// with an id_token posted to the tool's redirect URI (response_mode=form_post), exactly as an LMS.
// To test the tool's refusals it can also misbehave on request (`tamper`): sign with a key that
// is not in its JWKS, address another audience, send an expired token, name an unknown
// deployment, reuse an earlier launch's nonce, or post an earlier launch again.
// LTI Advantage as a platform offers it: a token endpoint (client credentials with a JWT client
// assertion, RFC 7523, verified against the tool's JWKS), Assignment and Grade Services 2.0 (line
// items and scores, with their media types) and Names and Role Provisioning Services 2.0 (the
// course's members, paged with Link headers), plus Deep Linking 2.0 (a deep linking request,
// and a return URL that verifies the tool's signed response), and — when switched on for a
// course — the Course Groups Service 1.0 draft (lti-gs, as Moodle's ltiservice_contextgroups):
// the groupsservice claim, the groups and group sets containers paged like NRPS, and members'
// group_enrollments in NRPS asked with groups=true, each behind the contextgroup.readonly scope.
// Test controls under /test/.
// Used in-process by integration tests and by e2e through e2e/fixtures/lti-platform-server.ts.

export const LTI_ROLES = {
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  ta: "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
  mentor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor",
  institutionStudent: "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
} as const;

const AGS_SCOPES = [
  "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  "https://purl.imsglobal.org/spec/lti-ags/scope/score",
];
const NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
const GROUPS_SCOPE = "https://purl.imsglobal.org/spec/lti-gs/scope/contextgroup.readonly";
const MEDIA = {
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItemContainer: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  score: "application/vnd.ims.lis.v1.score+json",
  membershipContainer: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
  contextGroupContainer: "application/vnd.ims.lti-gs.v1.contextgroupcontainer+json",
  contextGroupSetContainer: "application/vnd.ims.lti-gs.v1.contextgroupsetcontainer+json",
};

/** A member of a course as NRPS lists them (group_enrollments only when the tool asks with groups=true). */
export type LtiMember = {
  user_id: string;
  roles: string[];
  status?: "Active" | "Inactive" | "Deleted";
  name?: string;
  email?: string;
  group_enrollments?: { group_id: string }[];
};
/** A course group as the groups service lists it (lti-gs 1.0: `set_id` names its group set). */
export type LtiCourseGroup = { id: string; name: string; set_id?: string };
/** What /test/groups accepts (e2e): offer the groups service for a course, its groups, who is in which. */
export type LtiGroupsControl = { offer?: boolean; groups?: LtiCourseGroup[]; enrollments?: Record<string, string[]> };
/** A line item the tool made, with the scores it posted (newest last). */
export type LtiReceivedLineItem = {
  id: string;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  tag?: string;
  scores: {
    userId: string;
    scoreGiven: number;
    scoreMaximum: number;
    activityProgress: string;
    gradingProgress: string;
    timestamp: string;
    /** The line item's scoreMaximum when the score arrived (recorded by the platform). */
    lineItemScoreMaximum: number;
  }[];
  /** The line item as the tool last PUT it (AGS 2.0 §3.2.7), one entry per update. */
  updates: { scoreMaximum: number; label: string }[];
};
/** A deep linking response the platform received and verified. */
export type LtiDeepLinkReturn = { contentItems: Record<string, unknown>[]; data?: string; deploymentId: string };

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
  /** LtiResourceLinkRequest (the default) or LtiDeepLinkingRequest. */
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  /** The opaque `data` of a deep linking request. */
  deepLinkData?: string;
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
  /** The course's members as NRPS lists them (every launch adds the person launching). */
  members(contextId: string): LtiMember[];
  setMembers(contextId: string, members: LtiMember[]): void;
  /** The line items the tool made in a course, with their scores. */
  lineItems(contextId: string): LtiReceivedLineItem[];
  /** The next `count` score posts are answered 503 (an LMS having a bad minute). */
  failNextScores(count: number): void;
  /** Whether launches in the course name the groups service (and its endpoints answer). */
  offerGroups(contextId: string, isOffered: boolean): void;
  /** The course's groups; `enrollments` (user_id → group ids) become members' group_enrollments. */
  setGroups(contextId: string, groups: LtiCourseGroup[], enrollments?: Record<string, string[]>): void;
  /** The next `count` requests to the groups endpoint are answered 500. */
  failNextGroups(count: number): void;
  /** Requests to the groups endpoint so far (URLs), to check paging. */
  groupRequests(): string[];
  /** How many groups a page of the groups service holds from now on (as an LMS configured so). */
  setGroupsPageSize(size: number): void;
  /** From now on the members' next pages point at this origin (a hostile or broken LMS); null: its own. */
  setNextPagesOrigin(origin: string | null): void;
  /** Deep linking responses received, newest last. */
  deepLinkReturns(): LtiDeepLinkReturn[];
  stop(): Promise<void>;
};

type Options = {
  /** The tool's origin (e.g. http://127.0.0.1:3000): its /lti/login and /lti/launch. */
  toolOrigin: string;
  port?: number;
  clientId?: string;
  deploymentId?: string;
  /** The tool's key set; by default fetched from `${toolOrigin}/lti/jwks`. */
  toolKeySet?: () => Promise<{ keys: JWK[] }>;
  /** NRPS page size (small, so paging is exercised). */
  membersPageSize?: number;
  /** Groups service page size. */
  groupsPageSize?: number;
};

const CLAIM = "https://purl.imsglobal.org/spec/lti/claim";

export async function startLtiTestPlatform({
  toolOrigin,
  port = 0,
  clientId = "scholia-test-client",
  deploymentId = "deployment-1",
  toolKeySet,
  membersPageSize = 2,
  groupsPageSize: initialGroupsPageSize = 2,
}: Options): Promise<LtiTestPlatform> {
  let groupsPageSize = initialGroupsPageSize;
  let nextPagesOrigin: string | null = null;
  const kid = `platform-key-${randomUUID()}`;
  const signing = await generateKeyPair("RS256", { extractable: true });
  // Not in the JWKS: a launch signed with it must be refused.
  const intruder = await generateKeyPair("RS256", { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid, alg: "RS256", use: "sig" };

  const pending = new Map<string, LtiLaunchSpec>();
  const issued = new Map<string, { action: string; idToken: string; state: string }>();
  let lastNonce: string | null = null;
  const rosters = new Map<string, LtiMember[]>();
  const lineItemsById = new Map<string, LtiReceivedLineItem>();
  const accessTokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  const usedAssertionIds = new Set<string>();
  const deepLinks: LtiDeepLinkReturn[] = [];
  let scoreFailures = 0;
  const groupsOffered = new Set<string>();
  const courseGroups = new Map<string, LtiCourseGroup[]>();
  let groupFailures = 0;
  const groupRequestUrls: string[] = [];
  const toolKeys: JWTVerifyGetKey = toolKeySet
    ? async (header, token) => createLocalJWKSet(await toolKeySet())(header, token)
    : createRemoteJWKSet(new URL("/lti/jwks", toolOrigin), { cooldownDuration: 0 });

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
      [`${CLAIM}/message_type`]: spec.messageType ?? "LtiResourceLinkRequest",
      [`${CLAIM}/version`]: "1.3.0",
      [`${CLAIM}/deployment_id`]: spec.tamper === "unknown-deployment" ? "deployment-nobody-registered" : deploymentId,
      [`${CLAIM}/target_link_uri`]: spec.targetLinkUri,
      ...(spec.messageType === "LtiDeepLinkingRequest"
        ? {
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
              deep_link_return_url: `${issuer}/deep-link-return`,
              accept_types: ["ltiResourceLink"],
              accept_presentation_document_targets: ["iframe", "window"],
              accept_multiple: false,
              auto_create: true,
              title: "Scholia reading",
              ...(spec.deepLinkData ? { data: spec.deepLinkData } : {}),
            },
          }
        : { [`${CLAIM}/resource_link`]: { id: spec.resourceLinkId, title: "Reading" } }),
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        scope: AGS_SCOPES,
        lineitems: `${issuer}/contexts/${encodeURIComponent(spec.contextId)}/lineitems`,
      },
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
        context_memberships_url: `${issuer}/contexts/${encodeURIComponent(spec.contextId)}/memberships`,
        service_versions: ["2.0"],
      },
      ...(groupsOffered.has(spec.contextId)
        ? {
            "https://purl.imsglobal.org/spec/lti-gs/claim/groupsservice": {
              context_groups_url: `${issuer}/contexts/${encodeURIComponent(spec.contextId)}/groups`,
              context_group_sets_url: `${issuer}/contexts/${encodeURIComponent(spec.contextId)}/groupsets`,
              scope: [GROUPS_SCOPE],
              service_versions: ["1.0"],
            },
          }
        : {}),
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
    if (!spec.tamper) {
      const before = rosters.get(spec.contextId) ?? [];
      const enrollments = before.find((member) => member.user_id === spec.sub)?.group_enrollments;
      const roster = before.filter((member) => member.user_id !== spec.sub);
      roster.push({
        user_id: spec.sub,
        roles: spec.roles,
        status: "Active",
        name: spec.name,
        ...(spec.email ? { email: spec.email } : {}),
        ...(enrollments ? { group_enrollments: enrollments } : {}),
      });
      rosters.set(spec.contextId, roster);
    }
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
    if (url.pathname === "/token" && request.method === "POST") return void (await tokenEndpoint(request, response));
    if (url.pathname === "/deep-link-return" && request.method === "POST") return void (await deepLinkReturn(request, response));
    if (url.pathname === "/test/members") {
      const contextId = url.searchParams.get("context") ?? "";
      const remove = url.searchParams.get("remove");
      if (remove)
        rosters.set(
          contextId,
          (rosters.get(contextId) ?? []).filter((member) => member.user_id !== remove),
        );
      return void sendJson(response, 200, "application/json", rosters.get(contextId) ?? []);
    }
    if (url.pathname === "/test/groups" && request.method === "POST") {
      const contextId = url.searchParams.get("context") ?? "";
      const control = JSON.parse(await readBody(request)) as LtiGroupsControl;
      if (control.offer !== undefined) offerGroups(contextId, control.offer);
      if (control.groups) setGroups(contextId, control.groups, control.enrollments);
      return void sendJson(response, 200, "application/json", {
        offered: groupsOffered.has(contextId),
        groups: courseGroups.get(contextId) ?? [],
      });
    }
    if (url.pathname === "/test/line-items") {
      const contextId = url.searchParams.get("context") ?? "";
      return void sendJson(
        response,
        200,
        "application/json",
        [...lineItemsById.values()].filter((item) => item.contextId === contextId),
      );
    }
    if (url.pathname === "/test/deep-links") return void sendJson(response, 200, "application/json", deepLinks);
    const service = /^\/contexts\/([^/]+)\/(lineitems|memberships|groups|groupsets)(?:\/([^/]+)(\/scores)?)?$/.exec(url.pathname);
    if (service) return void (await serviceEndpoint(request, response, url, decodeURIComponent(service[1]!), service));
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

  /** RFC 6749 §4.4 with a client assertion (RFC 7523 §2.2), as IMS Security Framework 1.0 §4.1 asks. */
  async function tokenEndpoint(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(request));
    const refuse = (error: string, description: string) =>
      sendJson(response, 400, "application/json", { error, error_description: description });
    if (form.get("grant_type") !== "client_credentials") return refuse("unsupported_grant_type", "grant_type must be client_credentials");
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return refuse("invalid_request", "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    let payload;
    try {
      ({ payload } = await jwtVerify(form.get("client_assertion") ?? "", toolKeys, {
        issuer: clientId,
        subject: clientId,
        audience: `${issuer}/token`,
        requiredClaims: ["iss", "sub", "aud", "exp", "iat", "jti"],
        algorithms: ["RS256", "RS384", "RS512"],
      }));
    } catch (error) {
      return sendJson(response, 401, "application/json", {
        error: "invalid_client",
        error_description: error instanceof Error ? error.message : "bad assertion",
      });
    }
    if (usedAssertionIds.has(payload.jti!))
      return sendJson(response, 401, "application/json", { error: "invalid_client", error_description: "jti reused" });
    usedAssertionIds.add(payload.jti!);
    const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const allowed = [...AGS_SCOPES, NRPS_SCOPE, GROUPS_SCOPE];
    if (requested.length === 0 || requested.some((scope) => !allowed.includes(scope)))
      return refuse("invalid_scope", `allowed scopes: ${allowed.join(" ")}`);
    const token = randomBytes(24).toString("base64url");
    accessTokens.set(token, { scopes: requested, expiresAt: Date.now() + 3600_000 });
    sendJson(response, 200, "application/json", {
      access_token: token,
      token_type: "Bearer",
      expires_in: 3600,
      scope: requested.join(" "),
    });
  }

  async function serviceEndpoint(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    contextId: string,
    match: RegExpExecArray,
  ): Promise<void> {
    const [, , kind, itemId, scores] = match;
    const token = accessTokens.get((request.headers.authorization ?? "").replace(/^Bearer /, ""));
    const needs = (scope: string) => {
      if (!token || token.expiresAt < Date.now())
        return (void sendJson(response, 401, "application/json", { error: "invalid_token" }), false);
      if (!token.scopes.includes(scope))
        return (void sendJson(response, 403, "application/json", { error: "insufficient_scope", scope }), false);
      return true;
    };
    const contentTypeIs = (type: string) => {
      if ((request.headers["content-type"] ?? "").split(";")[0]!.trim() === type) return true;
      sendJson(response, 415, "application/json", { error: `Content-Type must be ${type}` });
      return false;
    };
    const accepts = (type: string) => {
      const accept = request.headers.accept ?? "*/*";
      if (accept.includes(type) || accept.includes("*/*")) return true;
      sendJson(response, 406, "application/json", { error: `this resource is ${type}` });
      return false;
    };
    if (kind === "memberships" && !itemId && request.method === "GET") {
      if (!needs(NRPS_SCOPE) || !accepts(MEDIA.membershipContainer)) return;
      // lti-gs 1.0: groups=true adds each member's group_enrollments, for a token that may read groups.
      const withGroups = url.searchParams.get("groups") === "true" && groupsOffered.has(contextId);
      if (withGroups && !needs(GROUPS_SCOPE)) return;
      const all = (rosters.get(contextId) ?? []).map(({ group_enrollments: enrollments, ...member }) =>
        withGroups ? { ...member, group_enrollments: enrollments ?? [] } : member,
      );
      const limit = Math.max(1, Number(url.searchParams.get("limit") ?? membersPageSize));
      const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0));
      if (offset + limit < all.length) {
        const next = new URL(`${url.pathname}${url.search}`, nextPagesOrigin ?? url.origin);
        next.searchParams.set("limit", String(limit));
        next.searchParams.set("offset", String(offset + limit));
        response.setHeader("Link", `<${next.toString()}>; rel="next"`);
      }
      return sendJson(response, 200, MEDIA.membershipContainer, {
        id: url.toString(),
        context: { id: contextId, title: contextId },
        members: all.slice(offset, offset + limit),
      });
    }
    if ((kind === "groups" || kind === "groupsets") && !itemId && request.method === "GET") {
      if (!groupsOffered.has(contextId)) return sendJson(response, 404, "application/json", { error: "no groups service here" });
      const isSets = kind === "groupsets";
      if (!needs(GROUPS_SCOPE) || !accepts(isSets ? MEDIA.contextGroupSetContainer : MEDIA.contextGroupContainer)) return;
      if (!isSets) groupRequestUrls.push(url.toString());
      if (!isSets && groupFailures > 0) {
        groupFailures -= 1;
        return sendJson(response, 500, "application/json", { error: "groups are being rebuilt, try later" });
      }
      const groups = courseGroups.get(contextId) ?? [];
      const userId = url.searchParams.get("user_id");
      const all: { id: string; name: string }[] = isSets
        ? [...new Set(groups.flatMap((group) => (group.set_id ? [group.set_id] : [])))].map((id) => ({ id, name: `Set ${id}` }))
        : groups.filter(
            (group) =>
              !userId ||
              (rosters.get(contextId) ?? []).some(
                (member) => member.user_id === userId && member.group_enrollments?.some((e) => e.group_id === group.id),
              ),
          );
      // Paged as Moodle pages it: limit and from, the next page in a Link header.
      const limit = Math.max(1, Number(url.searchParams.get("limit") ?? groupsPageSize));
      const from = Math.max(0, Number(url.searchParams.get("from") ?? 0));
      if (from + limit < all.length) {
        const next = new URL(url);
        next.searchParams.set("limit", String(limit));
        next.searchParams.set("from", String(from + limit));
        response.setHeader("Link", `<${next.toString()}>; rel="next"`);
      }
      const page = all.slice(from, from + limit);
      return sendJson(
        response,
        200,
        isSets ? MEDIA.contextGroupSetContainer : MEDIA.contextGroupContainer,
        isSets ? { id: url.toString(), sets: page } : { id: url.toString(), groups: page },
      );
    }
    if (kind === "lineitems" && !itemId && request.method === "GET") {
      if (!needs(AGS_SCOPES[0]!) || !accepts(MEDIA.lineItemContainer)) return;
      const resourceId = url.searchParams.get("resource_id");
      const items = [...lineItemsById.values()].filter(
        (item) => item.contextId === contextId && (!resourceId || item.resourceId === resourceId),
      );
      return sendJson(response, 200, MEDIA.lineItemContainer, items.map(shownLineItem));
    }
    if (kind === "lineitems" && !itemId && request.method === "POST") {
      if (!needs(AGS_SCOPES[0]!) || !contentTypeIs(MEDIA.lineItem) || !accepts(MEDIA.lineItem)) return;
      const body = JSON.parse(await readBody(request)) as { label?: unknown; scoreMaximum?: unknown; resourceId?: unknown; tag?: unknown };
      if (typeof body.label !== "string" || !body.label || typeof body.scoreMaximum !== "number" || body.scoreMaximum <= 0)
        return sendJson(response, 400, "application/json", { error: "a line item needs a label and a positive scoreMaximum" });
      const id = `${issuer}/contexts/${encodeURIComponent(contextId)}/lineitems/${lineItemsById.size + 1}`;
      const item: LtiReceivedLineItem = {
        id,
        contextId,
        label: body.label,
        scoreMaximum: body.scoreMaximum,
        ...(typeof body.resourceId === "string" ? { resourceId: body.resourceId } : {}),
        ...(typeof body.tag === "string" ? { tag: body.tag } : {}),
        scores: [],
        updates: [],
      };
      lineItemsById.set(id, item);
      return sendJson(response, 201, MEDIA.lineItem, shownLineItem(item));
    }
    if (kind === "lineitems" && itemId && !scores && (request.method === "GET" || request.method === "PUT")) {
      const item = lineItemsById.get(`${issuer}/contexts/${encodeURIComponent(contextId)}/lineitems/${itemId}`);
      if (request.method === "GET") {
        if (!needs(AGS_SCOPES[0]!) || !accepts(MEDIA.lineItem)) return;
        if (!item) return sendJson(response, 404, "application/json", { error: "no such line item" });
        return sendJson(response, 200, MEDIA.lineItem, shownLineItem(item));
      }
      // AGS 2.0 §3.2.7: the whole line item, its id unchanged; the platform answers with it.
      if (!needs(AGS_SCOPES[0]!) || !contentTypeIs(MEDIA.lineItem) || !accepts(MEDIA.lineItem)) return;
      if (!item) return sendJson(response, 404, "application/json", { error: "no such line item" });
      const body = JSON.parse(await readBody(request)) as {
        id?: unknown;
        label?: unknown;
        scoreMaximum?: unknown;
        resourceId?: unknown;
        tag?: unknown;
      };
      if (body.id !== undefined && body.id !== item.id)
        return sendJson(response, 400, "application/json", { error: "a line item's id cannot change" });
      if (typeof body.label !== "string" || !body.label || typeof body.scoreMaximum !== "number" || body.scoreMaximum <= 0)
        return sendJson(response, 400, "application/json", { error: "a line item needs a label and a positive scoreMaximum" });
      item.label = body.label;
      item.scoreMaximum = body.scoreMaximum;
      if (typeof body.resourceId === "string") item.resourceId = body.resourceId;
      if (typeof body.tag === "string") item.tag = body.tag;
      item.updates.push({ scoreMaximum: body.scoreMaximum, label: body.label });
      return sendJson(response, 200, MEDIA.lineItem, shownLineItem(item));
    }
    if (kind === "lineitems" && itemId && scores && request.method === "POST") {
      if (!needs(AGS_SCOPES[3]!) || !contentTypeIs(MEDIA.score)) return;
      const item = lineItemsById.get(`${issuer}/contexts/${encodeURIComponent(contextId)}/lineitems/${itemId}`);
      if (!item) return sendJson(response, 404, "application/json", { error: "no such line item" });
      if (scoreFailures > 0) {
        scoreFailures -= 1;
        return sendJson(response, 503, "application/json", { error: "gradebook busy, try later" });
      }
      const body = JSON.parse(await readBody(request)) as LtiReceivedLineItem["scores"][number];
      const isMember = (rosters.get(contextId) ?? []).some((member) => member.user_id === body.userId);
      const problems = [
        typeof body.userId === "string" && isMember ? null : "userId is not a member of this course",
        typeof body.scoreGiven === "number" && body.scoreGiven >= 0 ? null : "scoreGiven",
        typeof body.scoreMaximum === "number" && body.scoreMaximum > 0 ? null : "scoreMaximum",
        ["Initialized", "Started", "InProgress", "Submitted", "Completed"].includes(body.activityProgress) ? null : "activityProgress",
        ["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"].includes(body.gradingProgress) ? null : "gradingProgress",
        typeof body.timestamp === "string" && !Number.isNaN(Date.parse(body.timestamp)) ? null : "timestamp",
      ].filter(Boolean);
      if (problems.length > 0) return sendJson(response, 400, "application/json", { error: problems.join(", ") });
      item.scores.push({ ...body, lineItemScoreMaximum: item.scoreMaximum });
      response.statusCode = 204;
      return void response.end();
    }
    sendJson(response, 405, "application/json", { error: "not supported" });
  }

  /** Deep Linking 2.0 §4.2: the tool's response, a JWT it signed, posted by the browser. */
  async function deepLinkReturn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(request));
    try {
      const { payload } = await jwtVerify(form.get("JWT") ?? "", toolKeys, {
        issuer: clientId,
        audience: issuer,
        requiredClaims: ["iat", "exp", "nonce"],
      });
      if (payload[`${CLAIM}/message_type`] !== "LtiDeepLinkingResponse") throw new Error("message_type is not LtiDeepLinkingResponse");
      if (payload[`${CLAIM}/version`] !== "1.3.0") throw new Error("version is not 1.3.0");
      if (payload[`${CLAIM}/deployment_id`] !== deploymentId) throw new Error("deployment_id is not this deployment's");
      const items = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"];
      if (!Array.isArray(items)) throw new Error("content_items is missing");
      const data = payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"];
      deepLinks.push({
        contentItems: items as Record<string, unknown>[],
        deploymentId: String(payload[`${CLAIM}/deployment_id`]),
        ...(typeof data === "string" ? { data } : {}),
      });
      const list = (items as { title?: string; url?: string }[])
        .map((item) => `<li>${escapeHtml(item.title ?? "(untitled)")} — <code>${escapeHtml(item.url ?? "")}</code></li>`)
        .join("");
      sendHtml(
        response,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS: link added</title></head><body><main><h1>Test LMS: link added</h1><ul>${list}</ul></main></body></html>`,
      );
    } catch (error) {
      response.statusCode = 400;
      sendHtml(
        response,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS: refused</title></head><body><main><h1>Test LMS: deep link refused</h1><p>${escapeHtml(error instanceof Error ? error.message : String(error))}</p></main></body></html>`,
      );
    }
  }

  function offerGroups(contextId: string, isOffered: boolean): void {
    if (isOffered) groupsOffered.add(contextId);
    else groupsOffered.delete(contextId);
  }

  function setGroups(contextId: string, groups: LtiCourseGroup[], enrollments?: Record<string, string[]>): void {
    courseGroups.set(contextId, groups);
    if (!enrollments) return;
    rosters.set(
      contextId,
      (rosters.get(contextId) ?? []).map((member) => ({
        ...member,
        group_enrollments: (enrollments[member.user_id] ?? []).map((id) => ({ group_id: id })),
      })),
    );
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
    members: (contextId) => rosters.get(contextId) ?? [],
    setMembers: (contextId, members) => void rosters.set(contextId, members),
    lineItems: (contextId) => [...lineItemsById.values()].filter((item) => item.contextId === contextId),
    failNextScores: (count) => void (scoreFailures = count),
    offerGroups,
    setGroups,
    failNextGroups: (count) => void (groupFailures = count),
    groupRequests: () => groupRequestUrls,
    setGroupsPageSize: (size) => void (groupsPageSize = size),
    setNextPagesOrigin: (origin) => void (nextPagesOrigin = origin),
    deepLinkReturns: () => deepLinks,
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

/** A line item as the AGS service shows it (without what the platform keeps for the tests). */
function shownLineItem({ scores: _scores, updates: _updates, contextId: _context, ...item }: LtiReceivedLineItem) {
  return item;
}

function sendJson(response: ServerResponse, status: number, type: string, body: unknown): void {
  response.statusCode = status;
  response.setHeader("Content-Type", type);
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendHtml(response: ServerResponse, html: string): void {
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  response.setHeader("Cache-Control", "no-store");
  response.end(html);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
