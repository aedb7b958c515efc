import "server-only";
import type { ContextGroup, MembershipContainer } from "../../domain/lti-advantage.ts";
import { mapLtiRoles } from "../../domain/lti.ts";
import { chooseStudentGroup, planGroups, type LmsGroup } from "../../domain/lti-groups.ts";
import { lockCourseMemberships } from "../courses/lock-course-memberships.ts";
import { getDb } from "../db.ts";
import { announceRevocation } from "../realtime/announce-revocation.ts";

export type LtiGroupsResult = { synced: number; warnings: string[] };

/**
 * The LMS's groups (LTI Course Groups Service) made the course's Scholia groups, after the
 * roster's members were applied:
 * - each LMS group has one Scholia group (LtiGroup keeps which): made when new, renamed when
 *   the LMS renames it;
 * - an LMS group the LMS no longer lists: its Scholia group is deleted if it holds no posts and
 *   no assignment names it, otherwise kept (and reported) so no work is lost;
 * - each student who came from this LMS is put in the group the LMS lists them in (one group
 *   per student and course in Scholia: lib/domain/lti-groups.ts chooses when the LMS lists
 *   several), and taken out of an LMS-made group the LMS no longer lists them in. A student the
 *   LMS lists in no group keeps a group made by hand in Scholia; groups made by hand are never
 *   renamed or removed.
 */
export async function applyLtiGroups({
  ltiContextId,
  platformId,
  courseId,
  groups,
  members,
}: {
  ltiContextId: string;
  platformId: string;
  courseId: string;
  groups: readonly ContextGroup[];
  members: MembershipContainer["members"];
}): Promise<LtiGroupsResult> {
  const db = getDb();
  const lmsGroups = new Map<string, LmsGroup>();
  for (const group of groups) if (!lmsGroups.has(group.id)) lmsGroups.set(group.id, { id: group.id, name: group.name });
  const accounts = await db.ltiAccount.findMany({
    where: { platformId, subject: { in: members.map((member) => member.user_id) } },
    select: { subject: true, userId: true },
  });
  const userBySubject = new Map(accounts.map((account) => [account.subject, account.userId]));

  return db.$transaction(
    async (tx) => {
      // The same lock as every roster and group change of the course: no move races this one.
      const memberships = await lockCourseMemberships(tx, courseId);
      const courseGroups = await tx.group.findMany({
        where: { courseId },
        select: {
          id: true,
          name: true,
          ltiGroup: { select: { id: true, ltiContextId: true, lmsGroupId: true, removedAt: true } },
          _count: { select: { annotations: true, assignments: true } },
        },
      });
      const mapped = courseGroups.filter((group) => group.ltiGroup?.ltiContextId === ltiContextId);
      const plan = planGroups({
        lmsGroups: [...lmsGroups.values()],
        mapped: mapped.map((group) => ({
          lmsGroupId: group.ltiGroup!.lmsGroupId,
          groupId: group.id,
          name: group.name,
          hasWork: group._count.annotations > 0 || group._count.assignments > 0,
        })),
        otherNames: courseGroups.filter((group) => group.ltiGroup?.ltiContextId !== ltiContextId).map((group) => group.name),
      });
      const deletedGroupIds = new Set(plan.remove);
      const revoked = new Set<string>();
      const revoke = async (userId: string) => {
        if (revoked.has(userId)) return;
        revoked.add(userId);
        await announceRevocation(tx, { kind: "membership", userId, courseId });
      };

      for (const groupId of plan.remove) {
        for (const member of memberships) if (member.groupId === groupId) await revoke(member.userId);
        await tx.group.delete({ where: { id: groupId } });
      }
      const keptIds = plan.keep.map((group) => group.groupId);
      await tx.ltiGroup.updateMany({ where: { groupId: { in: keptIds }, removedAt: null }, data: { removedAt: new Date() } });
      await tx.ltiGroup.updateMany({ where: { groupId: { in: plan.listed }, removedAt: { not: null } }, data: { removedAt: null } });
      // Renames in two steps, so two groups can swap names under the course's unique index.
      for (const { groupId } of plan.rename) await tx.group.update({ where: { id: groupId }, data: { name: `lms-rename-${groupId}` } });
      for (const { groupId, name } of plan.rename) await tx.group.update({ where: { id: groupId }, data: { name } });
      for (const { lmsGroupId, name } of plan.create) {
        await tx.group.create({ data: { courseId, name, ltiGroup: { create: { ltiContextId, lmsGroupId } } } });
      }

      const warnings = [...plan.warnings];
      const groupIdByLmsId = new Map(
        (await tx.ltiGroup.findMany({ where: { ltiContextId }, select: { lmsGroupId: true, groupId: true } })).map((row) => [
          row.lmsGroupId,
          row.groupId,
        ]),
      );
      const lmsIdByGroupId = new Map([...groupIdByLmsId].map(([lmsId, groupId]) => [groupId, lmsId]));
      const hasEnrollments = members.some((member) => member.group_enrollments !== undefined);
      if (lmsGroups.size > 0 && !hasEnrollments) {
        warnings.push("The LMS listed its groups but not who is in them; nobody was moved between groups.");
        return { synced: lmsGroups.size, warnings };
      }

      const membershipByUserId = new Map(memberships.map((member) => [member.userId, member]));
      let inSeveral = 0;
      for (const member of members) {
        if (member.status !== undefined && member.status !== "Active") continue;
        if (mapLtiRoles(member.roles) !== "STUDENT") continue;
        const userId = userBySubject.get(member.user_id);
        const membership = userId ? membershipByUserId.get(userId) : undefined;
        if (!membership || membership.role !== "STUDENT") continue;
        // A group deleted above left its students without a group (ON DELETE SET NULL).
        const currentGroupId = membership.groupId && !deletedGroupIds.has(membership.groupId) ? membership.groupId : null;
        const currentLmsGroupId = currentGroupId ? (lmsIdByGroupId.get(currentGroupId) ?? null) : null;
        const choice = chooseStudentGroup({
          enrolledIn: (member.group_enrollments ?? []).map((enrollment) => enrollment.group_id),
          groups: lmsGroups,
          currentLmsGroupId,
        });
        if (choice.isInSeveral) inSeveral += 1;
        const isHandMadeGroup = currentGroupId !== null && currentLmsGroupId === null;
        const target = choice.lmsGroupId ? groupIdByLmsId.get(choice.lmsGroupId)! : isHandMadeGroup ? currentGroupId : null;
        if (target === currentGroupId) continue;
        await tx.membership.update({ where: { id: membership.id }, data: { groupId: target } });
        // Taken out of a group, they stop reading its posts: their live streams end at once.
        if (currentGroupId !== null) await revoke(membership.userId);
      }
      if (inSeveral > 0) {
        warnings.push(
          `${inSeveral === 1 ? "1 student is" : `${inSeveral} students are`} in several LMS groups; Scholia has one group per student, so each stays in their current group if the LMS still lists them in it, otherwise goes to the first of their groups by name.`,
        );
      }
      return { synced: lmsGroups.size, warnings };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
