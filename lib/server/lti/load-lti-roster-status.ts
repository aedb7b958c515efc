import "server-only";
import { requireCourseRole, type CourseActorRef } from "../courses/course-access.ts";
import { getDb } from "../db.ts";

export type LtiRosterStatus = {
  courseTitle: string;
  links: {
    lmsName: string;
    contextTitle: string;
    hasRoster: boolean;
    syncedAt: Date | null;
    error: string | null;
    /** The LMS offers its groups (Course Groups Service) for this course. */
    hasGroups: boolean;
    /** Scholia groups that stand for an LMS group the LMS still lists. */
    groupCount: number;
    groupsSyncedAt: Date | null;
    groupsError: string | null;
    groupWarnings: string[];
  }[];
};

/** The course's LMS links and how their last roster sync went. Staff with the roster permission only. */
export async function loadLtiRosterStatus({ actorId, courseId }: CourseActorRef): Promise<LtiRosterStatus> {
  await requireCourseRole({ actorId, courseId, permission: "manageRoster" });
  const course = await getDb().course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      title: true,
      ltiContexts: {
        select: {
          title: true,
          membershipsUrl: true,
          rosterSyncedAt: true,
          rosterSyncError: true,
          groupsUrl: true,
          groupsSyncedAt: true,
          groupsSyncError: true,
          groupsSyncWarnings: true,
          _count: { select: { groups: { where: { removedAt: null } } } },
          platform: { select: { name: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  return {
    courseTitle: course.title,
    links: course.ltiContexts.map((context) => ({
      lmsName: context.platform.name,
      contextTitle: context.title,
      hasRoster: context.membershipsUrl !== null,
      syncedAt: context.rosterSyncedAt,
      error: context.rosterSyncError,
      hasGroups: context.groupsUrl !== null,
      groupCount: context._count.groups,
      groupsSyncedAt: context.groupsSyncedAt,
      groupsError: context.groupsSyncError,
      groupWarnings: context.groupsSyncWarnings,
    })),
  };
}
