import "server-only";
import { assessAssignmentProgress, type AssignmentProgress } from "../../domain/assignment-progress.ts";
import { getDb } from "../db.ts";
import { assignmentsForStudentWhere, POSTING_RULES_SELECT, postingRulesOf, type AssignmentPostingRules } from "./assignment-rules.ts";
import { countStudentPosts } from "./count-student-posts.ts";

export type MyAssignment = AssignmentPostingRules & {
  id: string;
  title: string;
  courseId: string;
  courseTitle: string;
  readingId: string;
  readingTitle: string;
  progress: AssignmentProgress;
};

/**
 * The students' dashboard: every assignment the actor has as a student (whole-class ones and
 * their group's), with their progress, soonest due first. Three queries whatever the count.
 * Without `courseId`, archived courses are left out (their work is over); a course's own page
 * lists its assignments even when it is archived.
 */
export async function listMyAssignments({
  actorId,
  courseId,
  now = new Date(),
}: {
  actorId: string;
  courseId?: string;
  now?: Date;
}): Promise<MyAssignment[]> {
  const db = getDb();
  const memberships = await db.membership.findMany({
    where: { userId: actorId, role: "STUDENT", ...(courseId ? { courseId } : { course: { archivedAt: null } }) },
    select: { courseId: true, groupId: true },
  });
  if (memberships.length === 0) return [];
  const assignments = await db.assignment.findMany({
    where: { OR: memberships.map((membership) => assignmentsForStudentWhere(membership.courseId, membership.groupId)) },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: {
      id: true,
      title: true,
      ...POSTING_RULES_SELECT,
      course: { select: { id: true, title: true } },
      reading: { select: { id: true, title: true } },
    },
  });
  const counts = await countStudentPosts(
    actorId,
    assignments.map((assignment) => assignment.id),
  );
  return assignments.map((assignment) => {
    const count = counts.get(assignment.id) ?? { posts: 0, postsOnTime: 0 };
    const rules = postingRulesOf(assignment);
    return {
      id: assignment.id,
      title: assignment.title,
      courseId: assignment.course.id,
      courseTitle: assignment.course.title,
      readingId: assignment.reading.id,
      readingTitle: assignment.reading.title,
      ...rules,
      progress: assessAssignmentProgress({ ...rules, ...count, now }),
    };
  });
}
