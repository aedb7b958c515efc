import "server-only";
import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import {
  courseTitleFromContext,
  landingPathFor,
  LTI_CLAIM,
  DEEP_LINKING_SETTINGS_CLAIM,
  LTI_DEEP_LINKING_REQUEST,
  LTI_RESOURCE_LINK_REQUEST,
  ltiDeepLinkingClaimsSchema,
  ltiLaunchClaimsSchema,
  mapLtiRoles,
  type CourseRole,
  type LtiLaunchClaims,
} from "../../domain/lti.ts";
import { readServiceClaims } from "../../domain/lti-advantage.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import { publicOrigin } from "../public-origin.ts";
import { startSession } from "../sessions/start-session.ts";
import { applyLtiMembership } from "./apply-lti-membership.ts";
import { findOrCreateLtiAccount } from "./find-or-create-lti-account.ts";
import { LtiLaunchError } from "./lti-launch-error.ts";
import { hashState } from "./lti-login-state.ts";
import { platformKeySet } from "./platform-key-sets.ts";

// Step 2 of a launch (IMS Security Framework 1.0 §5.1.1.3–5.1.3): the platform posts the
// id_token and the state back. Checked in this order, each failure its own page:
// the state names a login in flight and this browser started it (cookie) → the login is used up
// (single use, even for two posts at once) → the token is signed by the platform's keys (its
// JWKS), issued by it, for Scholia's client id, unexpired → its nonce is the login's → it is a
// resource link launch in a course → its deployment is registered → the roles give a course role.
// Then the account and the course are found or made, and a session starts.

export const ltiLaunchFormSchema = z.object({
  id_token: z
    .string()
    .min(1)
    .max(64 * 1024),
  state: z.string().min(1).max(200),
});

export type CompletedLtiLaunch = {
  loginId: string;
  user: { id: string; email: string; name: string };
  sessionId: string;
  courseId: string;
  role: CourseRole;
  landingPath: string;
};

// RSA and EC signatures; "none" and HMAC (a shared secret the platform never gave us) never.
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"];

export async function completeLtiLaunch({
  idToken,
  state,
  stateCookie,
  userAgent,
}: {
  idToken: string;
  state: string;
  /** The value of this login's state cookie as the browser sent it (undefined when it sent none). */
  stateCookie: (loginId: string) => string | undefined;
  userAgent: string | null | undefined;
}): Promise<CompletedLtiLaunch> {
  const db = getDb();
  const login = await db.ltiLogin.findUnique({
    where: { stateHash: hashState(state) },
    select: { id: true, nonce: true, usedAt: true, expiresAt: true, platform: true },
  });
  if (!login || login.usedAt !== null || login.expiresAt <= new Date()) throw new LtiLaunchError("expired-login");
  if (stateCookie(login.id) !== state) throw new LtiLaunchError("cookies", "the state cookie is missing", login.id);
  const claimed = await db.ltiLogin.updateMany({
    where: { id: login.id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) throw new LtiLaunchError("expired-login");

  const { platform } = login;
  const payload = await verifyIdToken(idToken, platform);
  if (payload.nonce !== login.nonce) throw new LtiLaunchError("replayed", "the nonce is not this login's");

  if (payload[LTI_CLAIM.messageType] === LTI_DEEP_LINKING_REQUEST) return completeDeepLinkingRequest({ db, login, payload, userAgent });
  const claims = parseClaims(payload);
  const deploymentId = claims[LTI_CLAIM.deploymentId];
  const deployment = await db.ltiDeployment.findUnique({
    where: { platformId_deploymentId: { platformId: platform.id, deploymentId } },
    select: { id: true },
  });
  if (!deployment) throw new LtiLaunchError("unknown-deployment", deploymentId);
  const role = mapLtiRoles(claims[LTI_CLAIM.roles]);
  if (role === null) throw new LtiLaunchError("no-course-role");

  const user = await findOrCreateLtiAccount(platform.id, claims);
  const courseId = await findOrCreateCourse(platform.id, claims, role, user.id);
  // The services (grade passback, roster) this launch names; the latest launch's are kept.
  await db.ltiContext.update({
    where: { platformId_contextId: { platformId: platform.id, contextId: claims[LTI_CLAIM.context].id } },
    data: readServiceClaims(payload),
  });
  await db.$transaction((tx) => applyLtiMembership(tx, { userId: user.id, courseId, role }));
  const { sessionId } = await startSession({ userId: user.id, userAgent });
  return {
    loginId: login.id,
    user,
    sessionId,
    courseId,
    role,
    landingPath: landingPathFor({ targetLinkUri: claims[LTI_CLAIM.targetLinkUri], origin: publicOrigin(), courseId }),
  };
}

async function verifyIdToken(idToken: string, platform: { issuer: string; clientId: string; jwksUrl: string }): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(idToken, platformKeySet(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ALGORITHMS,
      requiredClaims: ["iss", "aud", "sub", "exp", "iat", "nonce"],
      clockTolerance: 60,
    });
    // OIDC Core 3.1.3.7: with several audiences, the authorized party must be us.
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== platform.clientId) {
      throw new LtiLaunchError("invalid-token", "azp is not this client");
    }
    if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + 60)
      throw new LtiLaunchError("expired-token", "iat in the future");
    return payload;
  } catch (error) {
    if (error instanceof LtiLaunchError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new LtiLaunchError("expired-token", error.message);
    if (error instanceof joseErrors.JWTClaimValidationFailed && (error.claim === "iat" || error.claim === "nbf")) {
      throw new LtiLaunchError("expired-token", error.message);
    }
    throw new LtiLaunchError("invalid-token", error instanceof Error ? error.message : String(error));
  }
}

/**
 * A deep linking request (LTI Deep Linking 2.0): the same checks as a launch, then the
 * instructor lands on Scholia's picker, which answers the platform at its return URL.
 */
async function completeDeepLinkingRequest({
  db,
  login,
  payload,
  userAgent,
}: {
  db: ReturnType<typeof getDb>;
  login: { id: string; platform: { id: string } };
  payload: JWTPayload;
  userAgent: string | null | undefined;
}): Promise<CompletedLtiLaunch> {
  const parsed = ltiDeepLinkingClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join("."));
    throw new LtiLaunchError(paths.some((path) => path === LTI_CLAIM.context) ? "unsupported-message" : "bad-request", paths.join(", "));
  }
  const claims = parsed.data;
  const settings = claims[DEEP_LINKING_SETTINGS_CLAIM];
  if (!settings.accept_types.includes("ltiResourceLink")) throw new LtiLaunchError("unsupported-message", "ltiResourceLink not accepted");
  const deploymentId = claims[LTI_CLAIM.deploymentId];
  const deployment = await db.ltiDeployment.findUnique({
    where: { platformId_deploymentId: { platformId: login.platform.id, deploymentId } },
    select: { id: true },
  });
  if (!deployment) throw new LtiLaunchError("unknown-deployment", deploymentId);
  const role = mapLtiRoles(claims[LTI_CLAIM.roles]);
  if (role === null) throw new LtiLaunchError("no-course-role");
  if (role === "STUDENT") throw new LtiLaunchError("deep-linking-staff-only");

  const user = await findOrCreateLtiAccount(login.platform.id, claims);
  const courseId = await findOrCreateCourse(login.platform.id, claims, role, user.id);
  await db.ltiContext.update({
    where: { platformId_contextId: { platformId: login.platform.id, contextId: claims[LTI_CLAIM.context].id } },
    data: readServiceClaims(payload),
  });
  await db.$transaction((tx) => applyLtiMembership(tx, { userId: user.id, courseId, role }));
  const request = await db.ltiDeepLinkRequest.create({
    data: {
      platformId: login.platform.id,
      deploymentId,
      userId: user.id,
      courseId,
      returnUrl: settings.deep_link_return_url,
      data: settings.data ?? null,
      title: settings.title ?? null,
      expiresAt: new Date(Date.now() + 60 * 60_000),
    },
    select: { id: true },
  });
  const { sessionId } = await startSession({ userId: user.id, userAgent });
  return { loginId: login.id, user, sessionId, courseId, role, landingPath: `/lti/deep-link/${request.id}` };
}

function parseClaims(payload: JWTPayload): LtiLaunchClaims {
  if (payload[LTI_CLAIM.messageType] !== LTI_RESOURCE_LINK_REQUEST) {
    throw new LtiLaunchError("unsupported-message", String(payload[LTI_CLAIM.messageType]));
  }
  const parsed = ltiLaunchClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join("."));
    throw new LtiLaunchError(paths.some((path) => path === LTI_CLAIM.context) ? "unsupported-message" : "bad-request", paths.join(", "));
  }
  return parsed.data;
}

/** The Scholia course of this LMS course; an instructor's first launch creates it. */
async function findOrCreateCourse(
  platformId: string,
  claims: Pick<LtiLaunchClaims, typeof LTI_CLAIM.context>,
  role: CourseRole,
  userId: string,
): Promise<string> {
  const db = getDb();
  const context = claims[LTI_CLAIM.context];
  for (let attempt = 0; ; attempt += 1) {
    const linked = await db.ltiContext.findUnique({
      where: { platformId_contextId: { platformId, contextId: context.id } },
      select: { courseId: true },
    });
    if (linked) return linked.courseId;
    if (role !== "INSTRUCTOR") throw new LtiLaunchError("course-not-ready", context.id);
    try {
      return await db.$transaction(async (tx) => {
        const title = courseTitleFromContext(context);
        // The LMS keeps the roster: no join code.
        const course = await tx.course.create({
          data: { title, term: (context.label ?? "").trim().slice(0, 60), joinCode: null, joinEnabled: false },
          select: { id: true },
        });
        await tx.ltiContext.create({ data: { platformId, contextId: context.id, courseId: course.id, title } });
        await tx.membership.create({ data: { userId, courseId: course.id, role: "INSTRUCTOR" } });
        return course.id;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}
