import "server-only";
import {
  contextGroupContainerSchema,
  GROUPS_SCOPE,
  MEDIA_TYPE,
  membershipContainerSchema,
  nextPageUrl,
  NRPS_SCOPE,
  type ContextGroup,
  type MembershipContainer,
} from "../../domain/lti-advantage.ts";
import { mapLtiRoles, type CourseRole } from "../../domain/lti.ts";
import { AppError } from "../app-error.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { lockCourseMemberships } from "../courses/lock-course-memberships.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";
import { applyLtiGroups } from "./apply-lti-groups.ts";
import { applyLtiMembership } from "./apply-lti-membership.ts";
import { callPlatformService } from "./call-platform-service.ts";
import { findOrCreateLtiAccount } from "./find-or-create-lti-account.ts";
import { LtiServiceError } from "./lti-service-error.ts";

type MemberCounts = { added: number; removed: number; changed: number; members: number };
/** `groups` only when the LMS offers its groups (Course Groups Service) for the course. */
export type RosterSyncResult = MemberCounts & { groups?: { synced: number; warnings: string[]; error: string | null } };

const MAX_PAGES = 200;
/** The most LMS groups one course's sync makes into Scholia groups. */
export const MAX_LMS_GROUPS = 500;
/** The most notes a groups sync keeps for the roster page (then one line says how many more). */
const MAX_GROUP_WARNINGS = 20;

/**
 * The course's roster made the LMS's (Names and Role Provisioning Services 2.0): every page of
 * the memberships URL the latest launch named (Link rel="next"), then
 * - an active member with a course role who is not in the course is added (an account is made
 *   for someone who never launched, linked by the LMS's user id and email);
 * - a member whose role changed gets the new role (the last instructor is never demoted);
 * - someone who came from this LMS and is no longer an active member is removed: their access
 *   to the course ends. People added in Scholia itself (not from the LMS) stay.
 * When the latest launch offered the LMS's groups (LTI Course Groups Service, lti-gs 1.0 draft),
 * the same sync reads them and the members' `group_enrollments` (NRPS with `groups=true`, the
 * token asked for both scopes) and makes them Scholia groups (apply-lti-groups.ts). If the groups
 * cannot be read, the members are still synced without them and the groups' error is kept for
 * the roster page; the next sync tries again.
 * Course staff with the roster permission only.
 */
export async function syncLtiRoster({ actorId, courseId }: { actorId: string; courseId: string }): Promise<RosterSyncResult> {
  await requireCourseRole({ actorId, courseId, permission: "manageRoster" });
  const db = getDb();
  const contexts = await db.ltiContext.findMany({
    where: { courseId, membershipsUrl: { not: null } },
    select: {
      id: true,
      membershipsUrl: true,
      groupsUrl: true,
      platform: { select: { id: true, clientId: true, accessTokenUrl: true } },
    },
  });
  if (contexts.length === 0) {
    throw new AppError("CONFLICT", "This course's LMS has not offered its roster (Names and Role Provisioning Services) in a launch yet.");
  }
  const total: RosterSyncResult = { added: 0, removed: 0, changed: 0, members: 0 };
  for (const context of contexts) {
    try {
      const { members, groups, groupsError } = await fetchRoster(context.platform, context.membershipsUrl!, context.groupsUrl);
      const result = await applyRoster({ platformId: context.platform.id, courseId, members, actorId });
      for (const key of Object.keys(result) as (keyof MemberCounts)[]) total[key] += result[key];
      if (context.groupsUrl) {
        const summary = (total.groups ??= { synced: 0, warnings: [], error: null });
        if (groups) {
          const applied = await applyLtiGroups({ ltiContextId: context.id, platformId: context.platform.id, courseId, groups, members });
          summary.synced += applied.synced;
          summary.warnings.push(...keptWarnings(applied.warnings));
          await db.ltiContext.update({
            where: { id: context.id },
            data: { groupsSyncedAt: new Date(), groupsSyncError: null, groupsSyncWarnings: keptWarnings(applied.warnings) },
          });
        } else {
          summary.error = groupsError;
          await db.ltiContext.update({ where: { id: context.id }, data: { groupsSyncError: (groupsError ?? "").slice(0, 500) } });
        }
      }
      await db.ltiContext.update({ where: { id: context.id }, data: { rosterSyncedAt: new Date(), rosterSyncError: null } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.ltiContext.update({ where: { id: context.id }, data: { rosterSyncError: message.slice(0, 500) } });
      if (error instanceof LtiServiceError) throw new AppError("CONFLICT", `The LMS's roster could not be read: ${message}`);
      throw error;
    }
  }
  return total;
}

type Platform = { id: string; clientId: string; accessTokenUrl: string };

/**
 * The members, and the groups when the LMS offers them. A failure reading the groups (or the
 * members with their groups) is the groups' alone: the members are read again without them.
 */
async function fetchRoster(
  platform: Platform,
  membershipsUrl: string,
  groupsUrl: string | null,
): Promise<{ members: MembershipContainer["members"]; groups: ContextGroup[] | null; groupsError: string | null }> {
  if (groupsUrl) {
    // One token for both services: the groups scope is asked for only when the LMS offered it.
    // The draft does not say which scope NRPS's groups=true needs; a token with both serves
    // either reading. A member without `group_enrollments` is read as "in no group", but if no
    // member has the field at all the LMS ignored groups=true, and nobody is moved
    // (apply-lti-groups.ts). Group sets (context_group_sets_url) are stored, not read: every
    // group of the course is synced whatever its set.
    const scopes = [NRPS_SCOPE, GROUPS_SCOPE];
    try {
      const groups = await fetchAllPages(platform, scopes, groupsUrl, MEDIA_TYPE.contextGroupContainer, (body) => {
        const parsed = contextGroupContainerSchema.safeParse(body);
        if (!parsed.success) throw new LtiServiceError("The LMS's groups are not a context group container.", false);
        return parsed.data.groups;
      });
      // A course has tens of groups: a list past the cap is refused (as the groups' error, the
      // members still synced) rather than made into groups one transaction at a time.
      if (groups.length > MAX_LMS_GROUPS) {
        throw new LtiServiceError(`The LMS lists ${groups.length} groups for this course; Scholia syncs at most ${MAX_LMS_GROUPS}.`, false);
      }
      // lti-gs 1.0: NRPS lists each member's group_enrollments when asked with groups=true.
      const url = new URL(membershipsUrl);
      url.searchParams.set("groups", "true");
      const members = await fetchAllPages(platform, scopes, url.toString(), MEDIA_TYPE.membershipContainer, readMembers);
      return { members, groups, groupsError: null };
    } catch (error) {
      if (!(error instanceof LtiServiceError)) throw error;
      const members = await fetchAllPages(platform, [NRPS_SCOPE], membershipsUrl, MEDIA_TYPE.membershipContainer, readMembers);
      return { members, groups: null, groupsError: error.message };
    }
  }
  const members = await fetchAllPages(platform, [NRPS_SCOPE], membershipsUrl, MEDIA_TYPE.membershipContainer, readMembers);
  return { members, groups: null, groupsError: null };
}

function readMembers(body: unknown): MembershipContainer["members"] {
  const parsed = membershipContainerSchema.safeParse(body);
  if (!parsed.success) throw new LtiServiceError("The LMS's roster is not a membership container.", false);
  return parsed.data.members;
}

/** Every page of an NRPS-style container (Link rel="next"), at most MAX_PAGES. */
async function fetchAllPages<T>(
  platform: Platform,
  scopes: readonly string[],
  firstUrl: string,
  accept: string,
  read: (body: unknown) => T[],
): Promise<T[]> {
  const items: T[] = [];
  let url: string | null = firstUrl;
  for (let page = 0; url && page < MAX_PAGES; page += 1) {
    const response = await callPlatformService(platform, scopes, url, { accept });
    items.push(...read(await response.json().catch(() => null)));
    url = nextPageUrl(response.headers.get("link"), url);
    // The LMS's token goes only to the LMS: a next page elsewhere is not asked for with it.
    if (url && new URL(url).origin !== new URL(firstUrl).origin) {
      throw new LtiServiceError(`The LMS's next page is on another site (${new URL(url).origin}); it was not followed.`, false);
    }
  }
  if (url) throw new LtiServiceError(`The LMS's answer has more than ${MAX_PAGES} pages.`, false);
  return items;
}

async function applyRoster({
  platformId,
  courseId,
  members,
  actorId,
}: {
  platformId: string;
  courseId: string;
  members: MembershipContainer["members"];
  actorId: string;
}): Promise<MemberCounts> {
  const db = getDb();
  const wanted = new Map<string, { role: CourseRole; member: MembershipContainer["members"][number] }>();
  for (const member of members) {
    if (member.status !== undefined && member.status !== "Active") continue;
    const role = mapLtiRoles(member.roles);
    if (role) wanted.set(member.user_id, { role, member });
  }
  const result: MemberCounts = { added: 0, removed: 0, changed: 0, members: wanted.size };
  const before = new Map(
    (await db.membership.findMany({ where: { courseId }, select: { userId: true, role: true } })).map((row) => [row.userId, row.role]),
  );
  const linked = await db.ltiAccount.findMany({ where: { platformId }, select: { subject: true, userId: true } });
  const userBySubject = new Map(linked.map((account) => [account.subject, account.userId]));

  for (const [subject, { role, member }] of wanted) {
    let userId = userBySubject.get(subject);
    if (!userId) {
      const email = typeof member.email === "string" && /^[^\s@]+@[^\s@]+$/.test(member.email) ? member.email : undefined;
      const user = await findOrCreateLtiAccount(platformId, {
        sub: subject,
        ...(email ? { email } : {}),
        ...(member.name ? { name: member.name } : {}),
        ...(member.given_name ? { given_name: member.given_name } : {}),
        ...(member.family_name ? { family_name: member.family_name } : {}),
      });
      userId = user.id;
    }
    const previous = before.get(userId);
    await db.$transaction((tx) => applyLtiMembership(tx, { userId: userId, courseId, role }));
    if (previous === undefined) result.added += 1;
    else if (previous !== role) result.changed += 1;
  }

  // Whoever came from this LMS and is not an active member any more leaves the course.
  const activeSubjects = new Set(wanted.keys());
  const leaving = linked
    .filter((account) => !activeSubjects.has(account.subject) && before.has(account.userId))
    .map((account) => account.userId);
  if (leaving.length > 0) {
    await db.$transaction(async (tx) => {
      const current = await lockCourseMemberships(tx, courseId);
      let instructors = current.filter((row) => row.role === "INSTRUCTOR").length;
      for (const row of current) {
        if (!leaving.includes(row.userId) || row.userId === actorId) continue;
        // The course never loses its last instructor.
        if (row.role === "INSTRUCTOR" && instructors <= 1) continue;
        if (row.role === "INSTRUCTOR") instructors -= 1;
        await tx.membership.delete({ where: { id: row.id } });
        // Their live streams of the course end at once, as when an instructor removes someone.
        await announceRevocation(tx, { kind: "membership", userId: row.userId, courseId });
        result.removed += 1;
      }
    });
  }
  return result;
}

/** The first notes, each cut to 500 characters, and how many more there were. */
function keptWarnings(warnings: readonly string[]): string[] {
  const kept = warnings.slice(0, MAX_GROUP_WARNINGS).map((warning) => warning.slice(0, 500));
  const more = warnings.length - kept.length;
  return more > 0 ? [...kept, `… and ${more} more ${more === 1 ? "note" : "notes"} like these.`] : kept;
}
