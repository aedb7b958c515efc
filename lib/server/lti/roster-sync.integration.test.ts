import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ltiPlatformInputSchema } from "../../domain/lti.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import { publicOrigin } from "../public-origin.ts";
import { launchThrough } from "../testing/lti-launcher.ts";
import { LTI_ROLES, startLtiTestPlatform, type LtiLaunchSpec, type LtiTestPlatform } from "../testing/lti-test-platform.ts";
import { listToolPublicKeys } from "./list-tool-public-keys.ts";
import { registerLtiPlatform } from "./register-lti-platform.ts";
import { removeLtiPlatform } from "./remove-lti-platform.ts";
import { syncLtiRoster } from "./sync-lti-roster.ts";

// Roster sync (LTI NRPS 2.0) from a platform on 127.0.0.1 that pages its members two at a time
// with Link headers and checks the bearer token's scope and the Accept media type.

let platform: LtiTestPlatform;
let platformId: string;
const run = randomUUID().slice(0, 8);
const contextId = `nrps-${run}`;
let courseId: string;
let instructorId: string;

function person(role: keyof typeof LTI_ROLES, name: string): LtiLaunchSpec {
  return {
    sub: `${name}-${run}`,
    name: `${name} ${run}`,
    email: `${name}-${run}@lms.test`,
    roles: [LTI_ROLES[role]],
    contextId,
    contextTitle: `Roster ${run}`,
    resourceLinkId: `link-${run}`,
    targetLinkUri: `${publicOrigin()}/`,
  };
}

async function roleOf(userId: string): Promise<string | null> {
  return (await getDb().membership.findUnique({ where: { userId_courseId: { userId, courseId } }, select: { role: true } }))?.role ?? null;
}

beforeAll(async () => {
  platform = await startLtiTestPlatform({
    toolOrigin: publicOrigin(),
    clientId: `client-${run}`,
    deploymentId: `deployment-${run}`,
    toolKeySet: listToolPublicKeys,
  });
  ({ id: platformId } = await registerLtiPlatform({
    input: ltiPlatformInputSchema.parse({
      name: `NRPS LMS ${run}`,
      issuer: platform.issuer,
      clientId: platform.clientId,
      authLoginUrl: platform.authLoginUrl,
      accessTokenUrl: platform.accessTokenUrl,
      jwksUrl: platform.jwksUrl,
      deploymentIds: platform.deploymentId,
    }),
  }));
  const launched = await (await launchThrough(platform, person("instructor", "irene"))).complete();
  courseId = launched.courseId;
  instructorId = launched.user.id;
});

afterAll(async () => {
  await removeLtiPlatform({ platformId }).catch(() => undefined);
  await platform.stop();
});

describe("LTI Names and Role Provisioning Services", () => {
  it("[NRPS] added members join over several pages; a role change is applied; a removed student's access ends", async () => {
    const sam = await (await launchThrough(platform, person("learner", "sam"))).complete();
    const instructor = platform.members(contextId).find((member) => member.user_id === `irene-${run}`)!;
    platform.setMembers(contextId, [
      instructor,
      { user_id: `sam-${run}`, roles: [LTI_ROLES.learner], status: "Active", name: `sam ${run}` },
      { user_id: `new-${run}`, roles: [LTI_ROLES.learner], status: "Active", name: `New ${run}`, email: `new-${run}@lms.test` },
      { user_id: `tara-${run}`, roles: [LTI_ROLES.ta], status: "Active", name: `Tara ${run}`, email: `tara-${run}@lms.test` },
      { user_id: `gone-${run}`, roles: [LTI_ROLES.learner], status: "Inactive", name: `Inactive ${run}` },
    ]);
    // Five members at two a page: three pages.
    expect(await syncLtiRoster({ actorId: instructorId, courseId })).toEqual({ added: 2, removed: 0, changed: 0, members: 4 });
    const added = await getDb().ltiAccount.findUniqueOrThrow({
      where: { platformId_subject: { platformId, subject: `new-${run}` } },
      select: { userId: true },
    });
    expect(await roleOf(added.userId)).toBe("STUDENT");
    const tara = await getDb().ltiAccount.findUniqueOrThrow({
      where: { platformId_subject: { platformId, subject: `tara-${run}` } },
      select: { userId: true },
    });
    expect(await roleOf(tara.userId)).toBe("TA");
    const inactive = await getDb().ltiAccount.findUnique({ where: { platformId_subject: { platformId, subject: `gone-${run}` } } });
    expect(inactive).toBeNull();

    // Sam is promoted to TA, then removed from the LMS course.
    platform.setMembers(
      contextId,
      platform.members(contextId).map((member) => (member.user_id === `sam-${run}` ? { ...member, roles: [LTI_ROLES.ta] } : member)),
    );
    expect(await syncLtiRoster({ actorId: instructorId, courseId })).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(await roleOf(sam.user.id)).toBe("TA");

    platform.setMembers(
      contextId,
      platform.members(contextId).filter((member) => member.user_id !== `sam-${run}`),
    );
    expect(await syncLtiRoster({ actorId: instructorId, courseId })).toMatchObject({ removed: 1 });
    expect(await roleOf(sam.user.id)).toBeNull();
    await expect(requireCourseRole({ actorId: sam.user.id, courseId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const context = await getDb().ltiContext.findFirstOrThrow({
      where: { platformId, contextId },
      select: { rosterSyncedAt: true, rosterSyncError: true },
    });
    expect(context.rosterSyncedAt).not.toBeNull();
    expect(context.rosterSyncError).toBeNull();
  });

  it("[NRPS] the last instructor is never removed, and a student cannot sync the roster", async () => {
    platform.setMembers(contextId, []);
    await syncLtiRoster({ actorId: instructorId, courseId });
    expect(await roleOf(instructorId)).toBe("INSTRUCTOR");
    const student = await (await launchThrough(platform, person("learner", "stu"))).complete();
    await expect(syncLtiRoster({ actorId: student.user.id, courseId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
