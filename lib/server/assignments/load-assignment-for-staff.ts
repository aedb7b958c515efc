import "server-only";
import { AppError } from "../app-error.ts";
import { hasCoursePermission } from "../../domain/course-permissions.ts";
import { requireCourseRole, type CourseActorRef } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import { POSTING_RULES_SELECT, postingRulesOf, type AssignmentPostingRules } from "./assignment-rules.ts";
import type { Prisma, Role } from "../generated/prisma/client.ts";

export type StaffAssignment = AssignmentPostingRules & {
  id: string;
  courseId: string;
  courseTitle: string;
  readingId: string;
  readingTitle: string;
  title: string;
  /** The assigned pages (firstPage..lastPage), or null and null for the whole reading. */
  firstPage: number | null;
  lastPage: number | null;
  /** Empty: the whole class. Otherwise only the students of these groups are assigned. */
  groups: { id: string; name: string }[];
  /** The actor's role in the course (INSTRUCTOR or TA). */
  actorRole: Role;
  /** An archived course is read-only: grades and the rubric are shown, not changed. */
  isCourseArchived: boolean;
};

/** Who asks, about which assignment of which course: what every assignment service starts from. */
export type AssignmentActorRef = CourseActorRef & { assignmentId: string };

export function assignmentNotFound(): AppError {
  return new AppError("NOT_FOUND", "Assignment not found.");
}

/** What an assignment's pages show in their heading and links: its course, its reading and its title. */
export const ASSIGNMENT_HEADING_SELECT = {
  id: true,
  courseId: true,
  readingId: true,
  title: true,
  course: { select: { title: true } },
} as const satisfies Prisma.AssignmentSelect;

/** The assignment's columns named by `select`; NOT_FOUND when it is missing or of another course (ids are not mixed across courses). */
export async function readAssignmentOfCourse<S extends Prisma.AssignmentSelect>(
  { courseId, assignmentId }: { courseId: string; assignmentId: string },
  select: S,
): Promise<Prisma.AssignmentGetPayload<{ select: S }>> {
  const assignment = await getDb().assignment.findFirst({ where: { id: assignmentId, courseId }, select });
  if (!assignment) throw assignmentNotFound();
  return assignment;
}

/**
 * An assignment of a course, for the course's instructors and TAs (insights, grades, rubric,
 * editing). Anyone else gets NOT_FOUND: a non-member the course's own "not found", a student the
 * assignment's — staff pages are not for them, and a 404 is what their pages show either way.
 * An assignment of another course is NOT_FOUND too, so ids cannot be mixed across courses.
 */
export async function loadAssignmentForStaff({
  actorId,
  courseId,
  assignmentId,
  isChange = false,
}: AssignmentActorRef & {
  /** For a service about to change the assignment's grading: refused in an archived course. */
  isChange?: boolean;
}): Promise<StaffAssignment> {
  const membership = await requireCourseRole({ actorId, courseId, isChange });
  if (!hasCoursePermission(membership.role, "assess")) throw assignmentNotFound();
  const assignment = await readAssignmentOfCourse(
    { courseId, assignmentId },
    {
      ...ASSIGNMENT_HEADING_SELECT,
      ...POSTING_RULES_SELECT,
      firstPage: true,
      lastPage: true,
      reading: { select: { title: true } },
      groups: { orderBy: { group: { name: "asc" } }, select: { group: { select: { id: true, name: true } } } },
    },
  );
  return {
    id: assignment.id,
    courseId: assignment.courseId,
    courseTitle: assignment.course.title,
    readingId: assignment.readingId,
    readingTitle: assignment.reading.title,
    title: assignment.title,
    ...postingRulesOf(assignment),
    firstPage: assignment.firstPage,
    lastPage: assignment.lastPage,
    groups: assignment.groups.map((item) => item.group),
    actorRole: membership.role,
    isCourseArchived: membership.isCourseArchived,
  };
}
