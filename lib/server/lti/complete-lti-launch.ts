import "server-only";
import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import {
  courseTitleFromContext,
  displayNameFromClaims,
  landingPathFor,
  LTI_CLAIM,
  LTI_RESOURCE_LINK_REQUEST,
  ltiLaunchClaimsSchema,
  mapLtiRoles,
  type CourseRole,
  type LtiLaunchClaims,
} from "../../domain/lti.ts";
import { lockCourseMemberships } from "../courses/lock-course-memberships.ts";
import { getDb } from "../db.ts";
import { isUniqueViolation } from "../database-errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { publicOrigin } from "../public-origin.ts";
import { startSession } from "../sessions/start-session.ts";
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

  const claims = parseClaims(payload);
  const deploymentId = claims[LTI_CLAIM.deploymentId];
  const deployment = await db.ltiDeployment.findUnique({
    where: { platformId_deploymentId: { platformId: platform.id, deploymentId } },
    select: { id: true },
  });
  if (!deployment) throw new LtiLaunchError("unknown-deployment", deploymentId);
  const role = mapLtiRoles(claims[LTI_CLAIM.roles]);
  if (role === null) throw new LtiLaunchError("no-course-role");

  const user = await findOrCreateAccount(platform.id, claims);
  const courseId = await findOrCreateCourse(platform.id, claims, role, user.id);
  await db.$transaction((tx) => applyMembership(tx, { userId: user.id, courseId, role }));
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

/**
 * The account of this LMS user: the one linked before; else the account with the (platform-
 * verified) email, linked now; else a new account without a password (it signs in only through
 * the LMS, or through password reset by email once it has a real address).
 */
async function findOrCreateAccount(platformId: string, claims: LtiLaunchClaims): Promise<{ id: string; email: string; name: string }> {
  const db = getDb();
  const select = { id: true, email: true, name: true } as const;
  for (let attempt = 0; ; attempt += 1) {
    const linked = await db.ltiAccount.findUnique({
      where: { platformId_subject: { platformId, subject: claims.sub } },
      select: { user: { select } },
    });
    if (linked) return linked.user;
    try {
      return await db.$transaction(async (tx) => {
        const email =
          claims.email?.toLowerCase() ?? `lti-${hashState(`${platformId}:${claims.sub}`).slice(0, 24).toLowerCase()}@lms.invalid`;
        const existing = await tx.user.findUnique({ where: { email }, select });
        // The institution's LMS vouches for the address it sends; a made-up one gets no mail.
        const emailVerifiedAt = claims.email ? new Date() : null;
        const user =
          existing ??
          (await tx.user.create({ data: { email, name: displayNameFromClaims(claims), passwordHash: "", emailVerifiedAt }, select }));
        await tx.ltiAccount.create({ data: { platformId, subject: claims.sub, userId: user.id } });
        return user;
      });
    } catch (error) {
      // Two first launches at once: the other one linked it; read it back.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

/** The Scholia course of this LMS course; an instructor's first launch creates it. */
async function findOrCreateCourse(platformId: string, claims: LtiLaunchClaims, role: CourseRole, userId: string): Promise<string> {
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

/**
 * The LMS says what the launching person is in the course, so the membership follows it: made on
 * the first launch, changed when the LMS's role changes — except that the last instructor is
 * never demoted (the course would have nobody to manage it).
 */
async function applyMembership(
  tx: Prisma.TransactionClient,
  { userId, courseId, role }: { userId: string; courseId: string; role: CourseRole },
) {
  const members = await lockCourseMemberships(tx, courseId);
  const membership = members.find((member) => member.userId === userId);
  if (!membership) {
    await tx.membership.create({ data: { userId, courseId, role } });
    return;
  }
  if (membership.role === role) return;
  if (membership.role === "INSTRUCTOR" && members.filter((member) => member.role === "INSTRUCTOR").length <= 1) return;
  await tx.membership.update({ where: { id: membership.id }, data: { role } });
}
