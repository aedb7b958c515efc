import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ltiPlatformInputSchema } from "../../domain/lti.ts";
import { getDb } from "../db.ts";
import { publicOrigin } from "../public-origin.ts";
import { launchThrough } from "../testing/lti-launcher.ts";
import type { LtiLaunchSpec, LtiTestPlatform } from "../testing/lti-test-platform.ts";
import { ltiPeople, startRegisteredLtiPlatform } from "../testing/registered-lti-platform.ts";
import { LtiLaunchError } from "./lti-launch-error.ts";
import { registerLtiPlatform } from "./register-lti-platform.ts";
import { startLtiLogin } from "./start-lti-login.ts";

// Launches from a real LTI 1.3 platform on 127.0.0.1 (lib/server/testing/lti-test-platform.ts):
// its keys, its JWKS over HTTP, its authentication response — through the tool's two steps.

let platform: LtiTestPlatform;
let stopPlatform: () => Promise<void>;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  ({ platform, stop: stopPlatform } = await startRegisteredLtiPlatform({ run, name: "Test LMS" }));
});

afterAll(async () => {
  await stopPlatform();
});

const person = ltiPeople(run, {
  contextId: `course-${run}`,
  contextTitle: `Political Theory ${run}`,
  targetLinkUri: `${publicOrigin()}/readings/sco-2006-statement`,
});

function launch(spec: LtiLaunchSpec, options: { sendCookie?: boolean } = {}) {
  return launchThrough(platform, spec, options);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LtiLaunchError) return error.problem;
    throw error;
  }
  throw new Error("The launch was accepted.");
}

describe("LTI 1.3 launch", () => {
  it("[LTI] an instructor's first launch creates the course, makes them its instructor and signs them in", async () => {
    const { complete } = await launch(person("instructor", "irene"));
    const result = await complete();
    expect(result.role).toBe("INSTRUCTOR");
    expect(result.landingPath).toBe(`/readings/sco-2006-statement?course=${result.courseId}`);
    const course = await getDb().course.findUniqueOrThrow({ where: { id: result.courseId }, include: { memberships: true } });
    expect(course.title).toBe(`Political Theory ${run}`);
    expect(course.joinCode).toBeNull();
    expect(course.memberships).toEqual([expect.objectContaining({ userId: result.user.id, role: "INSTRUCTOR" })]);
    const session = await getDb().userSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session.userId).toBe(result.user.id);
    expect(result.user.email).toBe(`irene-${run}@lms.test`);
  });

  it("[LTI] a student's launch lands in the same course as a student; a second launch reuses the account", async () => {
    const first = await (await launch(person("learner", "sam"))).complete();
    const again = await (await launch(person("learner", "sam"))).complete();
    expect(first.role).toBe("STUDENT");
    expect(again.user.id).toBe(first.user.id);
    expect(again.courseId).toBe(first.courseId);
    const memberships = await getDb().membership.findMany({ where: { userId: first.user.id } });
    expect(memberships).toEqual([expect.objectContaining({ courseId: first.courseId, role: "STUDENT" })]);
  });

  it("[LTI] a teaching assistant's launch gives the TA role, and a role change in the LMS follows", async () => {
    const ta = await (await launch(person("ta", "tomas"))).complete();
    expect(ta.role).toBe("TA");
    const promoted = await (await launch(person("instructor", "tomas"))).complete();
    expect(promoted.role).toBe("INSTRUCTOR");
    const membership = await getDb().membership.findUniqueOrThrow({
      where: { userId_courseId: { userId: ta.user.id, courseId: ta.courseId } },
    });
    expect(membership.role).toBe("INSTRUCTOR");
  });

  it("[LTI] a student cannot be first: the course must have been opened by an instructor", async () => {
    const { complete } = await launch(person("learner", "early", { contextId: `other-course-${run}` }));
    expect(await refusal(complete())).toBe("course-not-ready");
    expect(await getDb().ltiContext.count({ where: { contextId: `other-course-${run}` } })).toBe(0);
  });

  it("[LTI] an account with the LMS's email is linked, not duplicated; a confirmed one keeps its password and sessions", async () => {
    const existing = await getDb().user.create({
      data: { email: `linda-${run}@lms.test`, name: "Linda", passwordHash: "kept", emailVerifiedAt: new Date() },
    });
    const session = await getDb().userSession.create({ data: { userId: existing.id } });
    const result = await (await launch(person("learner", "linda"))).complete();
    expect(result.user.id).toBe(existing.id);
    expect(await getDb().user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true } })).toEqual({
      passwordHash: "kept",
    });
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).toBeNull();
  });

  it("[LTI] an unconfirmed account with the LMS's email is taken back by its owner: confirmed, password cleared, its sessions ended", async () => {
    // Someone signed up with this student's address before the student ever came from the LMS.
    const squatter = await getDb().user.create({ data: { email: `una-${run}@lms.test`, name: "Una?", passwordHash: "squatter's" } });
    const session = await getDb().userSession.create({ data: { userId: squatter.id } });
    const result = await (await launch(person("learner", "una"))).complete();
    expect(result.user.id).toBe(squatter.id);
    const user = await getDb().user.findUniqueOrThrow({
      where: { id: squatter.id },
      select: { passwordHash: true, emailVerifiedAt: true },
    });
    expect(user.passwordHash).toBe("");
    expect(user.emailVerifiedAt).not.toBeNull();
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).not.toBeNull();
  });

  it("[LTI] a launch without an email gets an account of its own", async () => {
    const result = await (await launch(person("learner", "nomail", { email: undefined }))).complete();
    expect(result.user.email).toMatch(/@lms\.invalid$/);
  });
});

describe("LTI 1.3 launch refusals", () => {
  it("[LTI] a replayed launch (same id_token and state) is refused", async () => {
    const { complete } = await launch(person("learner", "replay"));
    await complete();
    expect(await refusal(complete())).toBe("expired-login");
  });

  it("[LTI] an id_token carrying an earlier launch's nonce is refused", async () => {
    await (await launch(person("learner", "nonce1"))).complete();
    const { complete } = await launch(person("learner", "nonce2", { tamper: "stale-nonce" }));
    expect(await refusal(complete())).toBe("replayed");
  });

  it("[LTI] a token for another audience is refused", async () => {
    const { complete } = await launch(person("learner", "aud", { tamper: "wrong-audience" }));
    expect(await refusal(complete())).toBe("invalid-token");
  });

  it("[LTI] an expired token is refused", async () => {
    const { complete } = await launch(person("learner", "old", { tamper: "expired" }));
    expect(await refusal(complete())).toBe("expired-token");
  });

  it("[LTI] an unknown deployment is refused and creates nothing", async () => {
    const { complete } = await launch(person("learner", "deploy", { tamper: "unknown-deployment" }));
    expect(await refusal(complete())).toBe("unknown-deployment");
    expect(await getDb().ltiAccount.count({ where: { subject: `deploy-${run}` } })).toBe(0);
  });

  it("[LTI] a token signed by a key not in the platform's JWKS is refused", async () => {
    const { complete } = await launch(person("instructor", "forger", { tamper: "foreign-key", contextId: `forged-${run}` }));
    expect(await refusal(complete())).toBe("invalid-token");
    expect(await getDb().ltiContext.count({ where: { contextId: `forged-${run}` } })).toBe(0);
  });

  it("[LTI] a launch whose state cookie did not come back is refused with the new-tab way out, and stays usable", async () => {
    const { complete } = await launch(person("learner", "cookieless"), { sendCookie: false });
    const error = await complete().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LtiLaunchError);
    expect((error as LtiLaunchError).problem).toBe("cookies");
    expect((error as LtiLaunchError).retryLoginId).toEqual(expect.any(String));
  });

  it("[LTI] a launch without a course (context) is refused", async () => {
    const { complete } = await launch(person("learner", "nocontext", { tamper: "no-context" }));
    expect(await refusal(complete())).toBe("unsupported-message");
  });

  it("[LTI] a person whose roles give no course role (a mentor) is refused", async () => {
    const { complete } = await launch(person("mentor", "mentor"));
    expect(await refusal(complete())).toBe("no-course-role");
  });

  it("[LTI] a login initiation from an unregistered issuer is refused", async () => {
    const params = { iss: "https://lms.nowhere.test", login_hint: "x", target_link_uri: `${publicOrigin()}/` };
    expect(await refusal(startLtiLogin({ params }))).toBe("unknown-platform");
  });

  it("[LTI] registering the same issuer and client id twice is a conflict on the client id", async () => {
    const input = ltiPlatformInputSchema.parse({
      name: "Again",
      issuer: platform.issuer,
      clientId: platform.clientId,
      authLoginUrl: platform.authLoginUrl,
      accessTokenUrl: platform.accessTokenUrl,
      jwksUrl: platform.jwksUrl,
      deploymentIds: "x",
    });
    await expect(registerLtiPlatform({ input })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { clientId: [expect.any(String)] },
    });
  });
});
