import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ltiPlatformInputSchema } from "../../domain/lti.ts";
import { importReading } from "../../domain/reading-import.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import { publicOrigin } from "../public-origin.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { launchThrough } from "../testing/lti-launcher.ts";
import { MAX_LMS_GROUPS } from "./sync-lti-roster.ts";
import { LTI_ROLES, startLtiTestPlatform, type LtiLaunchSpec, type LtiTestPlatform } from "../testing/lti-test-platform.ts";
import { listToolPublicKeys } from "./list-tool-public-keys.ts";
import { loadLtiRosterStatus } from "./load-lti-roster-status.ts";
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

  it("[NRPS][SECURITY] a next page on another site is not followed: the LMS's token goes to the LMS only, and nothing is applied", async () => {
    const elsewhere: { url: string; authorization: string | undefined }[] = [];
    const other = createServer((request, response) => {
      elsewhere.push({ url: request.url ?? "", authorization: request.headers.authorization });
      response.writeHead(200, { "Content-Type": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" }).end('{"members":[]}');
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const before = await getDb().membership.count({ where: { courseId } });
    try {
      const instructor = platform.members(contextId).find((member) => member.user_id === `irene-${run}`)!;
      platform.setMembers(contextId, [
        instructor,
        ...["p", "q", "r"].map((name) => ({ user_id: `${name}-${run}`, roles: [LTI_ROLES.learner], status: "Active" as const, name })),
      ]);
      platform.setNextPagesOrigin(`http://127.0.0.1:${(other.address() as AddressInfo).port}`);
      await expect(syncLtiRoster({ actorId: instructorId, courseId })).rejects.toThrow(/next page is on another site/);
      expect(elsewhere).toEqual([]);
      expect(await getDb().membership.count({ where: { courseId } })).toBe(before);
    } finally {
      platform.setNextPagesOrigin(null);
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it("[NRPS] the last instructor is never removed, and a student cannot sync the roster", async () => {
    platform.setMembers(contextId, []);
    await syncLtiRoster({ actorId: instructorId, courseId });
    expect(await roleOf(instructorId)).toBe("INSTRUCTOR");
    const student = await (await launchThrough(platform, person("learner", "stu"))).complete();
    await expect(syncLtiRoster({ actorId: student.user.id, courseId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

// LMS groups (LTI Course Groups Service 1.0 draft): the platform offers the service for these
// courses only, pages its groups two at a time (limit/from, Link rel="next") and answers the
// groups endpoint and NRPS's groups=true only for a token with the contextgroup.readonly scope.
describe("LMS groups to Scholia groups", () => {
  const groupsContextId = `gs-${run}`;
  let groupsCourseId: string;
  let teacherId: string;

  function groupPerson(role: keyof typeof LTI_ROLES, name: string, context = groupsContextId): LtiLaunchSpec {
    return {
      ...person(role, name),
      sub: `${name}-${context}`,
      name: `${name} ${context}`,
      email: `${name}-${context}@lms.test`,
      contextId: context,
      contextTitle: `Groups ${context}`,
    };
  }

  async function userOf(subject: string): Promise<string> {
    return (
      await getDb().ltiAccount.findUniqueOrThrow({ where: { platformId_subject: { platformId, subject } }, select: { userId: true } })
    ).userId;
  }

  async function groupNameOf(userId: string, course = groupsCourseId): Promise<string | null> {
    const membership = await getDb().membership.findUniqueOrThrow({
      where: { userId_courseId: { userId, courseId: course } },
      select: { group: { select: { name: true } } },
    });
    return membership.group?.name ?? null;
  }

  async function groupNames(course = groupsCourseId): Promise<string[]> {
    return (await getDb().group.findMany({ where: { courseId: course }, select: { name: true }, orderBy: { name: "asc" } })).map(
      (g) => g.name,
    );
  }

  /** Every member of the course as the LMS lists them, with the groups given per subject. */
  function enrol(enrollments: Record<string, string[]>) {
    return Object.fromEntries(Object.entries(enrollments).map(([name, ids]) => [`${name}-${groupsContextId}`, ids]));
  }

  beforeAll(async () => {
    platform.offerGroups(groupsContextId, true);
    const teacher = await (await launchThrough(platform, groupPerson("instructor", "tess"))).complete();
    groupsCourseId = teacher.courseId;
    teacherId = teacher.user.id;
    for (const name of ["ana", "ben", "cai", "dee"]) await (await launchThrough(platform, groupPerson("learner", name))).complete();
  });

  it("[GROUPS] LMS groups become Scholia groups over several pages; students are placed from group_enrollments; a name a hand-made group has gets (LMS)", async () => {
    await getDb().group.create({ data: { courseId: groupsCourseId, name: "Blue" } });
    const context = await getDb().ltiContext.findFirstOrThrow({
      where: { platformId, contextId: groupsContextId },
      select: { groupsUrl: true, groupSetsUrl: true },
    });
    expect(context.groupsUrl).toBe(`${platform.issuer}/contexts/${groupsContextId}/groups`);
    expect(context.groupSetsUrl).toBe(`${platform.issuer}/contexts/${groupsContextId}/groupsets`);
    platform.setGroups(
      groupsContextId,
      [
        { id: "g1", name: "Red", set_id: "s1" },
        { id: "g2", name: "Blue", set_id: "s1" },
        { id: "g3", name: "Green", set_id: "s2" },
      ],
      enrol({ ana: ["g1"], ben: ["g1"], cai: ["g2"], dee: ["g3", "g2"] }),
    );
    const before = platform.groupRequests().length;
    const result = await syncLtiRoster({ actorId: teacherId, courseId: groupsCourseId });
    expect(result.groups).toMatchObject({ synced: 3, error: null });
    // Three groups at two a page: two pages.
    expect(platform.groupRequests().slice(before)).toHaveLength(2);
    expect(platform.groupRequests().at(-1)).toContain("from=2");
    expect(await groupNames()).toEqual(["Blue", "Blue (LMS)", "Green", "Red"]);
    expect(await groupNameOf(await userOf(`ana-${groupsContextId}`))).toBe("Red");
    expect(await groupNameOf(await userOf(`ben-${groupsContextId}`))).toBe("Red");
    expect(await groupNameOf(await userOf(`cai-${groupsContextId}`))).toBe("Blue (LMS)");
    // In two LMS groups: the first by name (“Blue” before “Green”), reported.
    expect(await groupNameOf(await userOf(`dee-${groupsContextId}`))).toBe("Blue (LMS)");
    expect(result.groups!.warnings.join(" ")).toMatch(/1 student is in several LMS groups/);
    expect(result.groups!.warnings.join(" ")).toMatch(/“Blue” is called “Blue \(LMS\)”/);
    // Staff are in no group.
    expect(await groupNameOf(teacherId)).toBeNull();
    const status = await loadLtiRosterStatus({ actorId: teacherId, courseId: groupsCourseId });
    expect(status.links[0]).toMatchObject({ hasGroups: true, groupCount: 3, groupsError: null });
    expect(status.links[0]!.groupsSyncedAt).not.toBeNull();
  });

  it("[GROUPS] a renamed LMS group is renamed; a student moved in the LMS moves; one taken out of every group leaves theirs; a hand-made group's student stays", async () => {
    const handMade = await getDb().group.create({ data: { courseId: groupsCourseId, name: `Hand ${run}` } });
    const dee = await userOf(`dee-${groupsContextId}`);
    await getDb().membership.update({
      where: { userId_courseId: { userId: dee, courseId: groupsCourseId } },
      data: { groupId: handMade.id },
    });
    const redId = (await getDb().group.findFirstOrThrow({ where: { courseId: groupsCourseId, name: "Red" }, select: { id: true } })).id;
    platform.setGroups(
      groupsContextId,
      [
        { id: "g1", name: "Crimson", set_id: "s1" },
        { id: "g2", name: "Blue", set_id: "s1" },
        { id: "g3", name: "Green", set_id: "s2" },
      ],
      enrol({ ana: ["g1"], ben: ["g3"], cai: [], dee: [] }),
    );
    const result = await syncLtiRoster({ actorId: teacherId, courseId: groupsCourseId });
    expect(result.groups).toMatchObject({ synced: 3, error: null });
    // The same Scholia group, renamed: its posts and members stay with it.
    expect((await getDb().group.findUniqueOrThrow({ where: { id: redId }, select: { name: true } })).name).toBe("Crimson");
    expect(await groupNameOf(await userOf(`ana-${groupsContextId}`))).toBe("Crimson");
    expect(await groupNameOf(await userOf(`ben-${groupsContextId}`))).toBe("Green");
    expect(await groupNameOf(await userOf(`cai-${groupsContextId}`))).toBeNull();
    expect(await groupNameOf(dee)).toBe(`Hand ${run}`);
    expect(await groupNames()).toContain("Blue");
  });

  it("[GROUPS] an LMS group removed in the LMS: its Scholia group is deleted when it holds no posts, kept and reported when it does", async () => {
    const green = await getDb().group.findFirstOrThrow({ where: { courseId: groupsCourseId, name: "Green" }, select: { id: true } });
    const ben = await userOf(`ben-${groupsContextId}`);
    const text = [`Groups reading ${run}`, "", "Geneva, 1 May 2020", "", "One paragraph to post on.", ""].join("\n");
    const { readingId } = await saveImportedReading({ slug: `gs-reading-${run}`, reading: importReading(text) });
    const paragraph = await getDb().paragraph.findFirstOrThrow({ where: { readingId }, select: { id: true } });
    await getDb().annotation.create({
      data: {
        kind: "PARAGRAPH_POST",
        authorId: ben,
        readingId,
        paragraphId: paragraph.id,
        courseId: groupsCourseId,
        groupId: green.id,
        visibility: "GROUP",
        bodyText: "Our group's post",
      },
    });
    platform.setGroups(groupsContextId, [{ id: "g1", name: "Crimson", set_id: "s1" }], enrol({ ana: ["g1"], ben: [] }));
    const result = await syncLtiRoster({ actorId: teacherId, courseId: groupsCourseId });
    expect(result.groups!.synced).toBe(1);
    expect(await groupNames()).toEqual(["Blue", "Crimson", "Green", `Hand ${run}`]);
    expect(result.groups!.warnings.join(" ")).toMatch(/no longer has the group “Green”; it is kept here/);
    expect(await groupNameOf(ben)).toBeNull();
    const mapping = await getDb().ltiGroup.findUniqueOrThrow({ where: { groupId: green.id }, select: { removedAt: true } });
    expect(mapping.removedAt).not.toBeNull();
    const status = await loadLtiRosterStatus({ actorId: teacherId, courseId: groupsCourseId });
    expect(status.links[0]!.groupWarnings.join(" ")).toMatch(/“Green”/);
    await getDb().reading.deleteMany({ where: { id: readingId } });
  });

  it("[GROUPS] the groups service failing: the members are still synced, the error is shown, and the next sync applies the groups", async () => {
    platform.setMembers(groupsContextId, [
      ...platform.members(groupsContextId),
      { user_id: `eve-${groupsContextId}`, roles: [LTI_ROLES.learner], status: "Active", name: `Eve ${run}` },
    ]);
    platform.setGroups(
      groupsContextId,
      [
        { id: "g1", name: "Crimson" },
        { id: "g4", name: "Yellow" },
      ],
      enrol({ ana: ["g1"], eve: ["g4"] }),
    );
    platform.failNextGroups(1);
    const failed = await syncLtiRoster({ actorId: teacherId, courseId: groupsCourseId });
    expect(failed).toMatchObject({ added: 1 });
    expect(failed.groups!.error).toMatch(/^The LMS answered HTTP 500/);
    const eve = await userOf(`eve-${groupsContextId}`);
    expect(await groupNameOf(eve)).toBeNull();
    expect(await groupNames()).not.toContain("Yellow");
    let status = await loadLtiRosterStatus({ actorId: teacherId, courseId: groupsCourseId });
    expect(status.links[0]).toMatchObject({ error: null });
    expect(status.links[0]!.groupsError).toMatch(/HTTP 500/);

    const retried = await syncLtiRoster({ actorId: teacherId, courseId: groupsCourseId });
    expect(retried.groups).toMatchObject({ synced: 2, error: null });
    expect(await groupNameOf(eve)).toBe("Yellow");
    status = await loadLtiRosterStatus({ actorId: teacherId, courseId: groupsCourseId });
    expect(status.links[0]!.groupsError).toBeNull();
  });

  it("[GROUPS] a hostile LMS: thirty groups of one name are told apart, and the notes kept are twenty and a count; more groups than the cap are the groups' error, the members still synced", async () => {
    const crowdContext = `crowd-${run}`;
    platform.offerGroups(crowdContext, true);
    const teacher = await (await launchThrough(platform, groupPerson("instructor", "tia", crowdContext))).complete();
    const student = await (await launchThrough(platform, groupPerson("learner", "uma", crowdContext))).complete();
    platform.setGroups(
      crowdContext,
      Array.from({ length: 30 }, (_, index) => ({ id: `same-${index}`, name: "Same" })),
      { [`uma-${crowdContext}`]: ["same-7"] },
    );
    const result = await syncLtiRoster({ actorId: teacher.user.id, courseId: teacher.courseId });
    expect(result.groups).toMatchObject({ synced: 30, error: null });
    const names = await groupNames(teacher.courseId);
    expect(new Set(names).size).toBe(30);
    expect(names).toContain("Same");
    expect(names).toContain("Same (LMS 29)");
    expect(result.groups!.warnings).toHaveLength(21);
    expect(result.groups!.warnings.at(-1)).toBe("… and 9 more notes like these.");
    const status = await loadLtiRosterStatus({ actorId: teacher.user.id, courseId: teacher.courseId });
    expect(status.links[0]!.groupWarnings).toEqual(result.groups!.warnings);

    platform.setGroups(
      crowdContext,
      Array.from({ length: MAX_LMS_GROUPS + 1 }, (_, index) => ({ id: `many-${index}`, name: `Group ${index}` })),
      { [`uma-${crowdContext}`]: ["many-0"] },
    );
    platform.setGroupsPageSize(100);
    try {
      const capped = await syncLtiRoster({ actorId: teacher.user.id, courseId: teacher.courseId });
      expect(capped.groups!.error).toBe(
        `The LMS lists ${MAX_LMS_GROUPS + 1} groups for this course; Scholia syncs at most ${MAX_LMS_GROUPS}.`,
      );
      expect(capped.members).toBeGreaterThan(0);
    } finally {
      platform.setGroupsPageSize(2);
    }
    expect(await groupNames(teacher.courseId)).toHaveLength(30);
    expect(await groupNameOf(student.user.id, teacher.courseId)).not.toBeNull();
  });

  it("[GROUPS] a platform that does not offer the groups service: roster sync leaves the course's groups alone", async () => {
    const plainContext = `nogs-${run}`;
    const teacher = await (await launchThrough(platform, groupPerson("instructor", "tom", plainContext))).complete();
    const student = await (await launchThrough(platform, groupPerson("learner", "sue", plainContext))).complete();
    const group = await getDb().group.create({ data: { courseId: teacher.courseId, name: "Made by hand" } });
    await getDb().membership.update({
      where: { userId_courseId: { userId: student.user.id, courseId: teacher.courseId } },
      data: { groupId: group.id },
    });
    // Even with groups listed, a platform that offers no service names none in its launches.
    platform.setGroups(plainContext, [{ id: "x1", name: "Not offered" }], { [`sue-${plainContext}`]: ["x1"] });
    const result = await syncLtiRoster({ actorId: teacher.user.id, courseId: teacher.courseId });
    expect(result.groups).toBeUndefined();
    expect(await groupNames(teacher.courseId)).toEqual(["Made by hand"]);
    expect(await groupNameOf(student.user.id, teacher.courseId)).toBe("Made by hand");
    const status = await loadLtiRosterStatus({ actorId: teacher.user.id, courseId: teacher.courseId });
    expect(status.links[0]).toMatchObject({ hasGroups: false, groupCount: 0 });
  });
});
