// Who may open a reading and who may change its text: the single statement of the rule. The
// server turns READING_READ_RULE into a Prisma `where` (lib/server/readings/reading-access.ts) so
// that a query can only return readings the actor may open; canReadReading decides about one
// reading in hand. Both are tested to agree.
//
// - A public reading (the shipped library) is open to everyone, signed in or not.
// - An instructor's own reading is open to its creator and to every member of a course it is
//   assigned in (whatever their group: a reading assigned to some groups is still the course's).
// - Only the creator edits the text. Co-instructors of a course it is assigned in read it but do
//   not edit it: a reading can be assigned in several courses, and an instructor of one course
//   must not rewrite under another course's annotations. Public readings have no editor here
//   (they come from the seed).

import type { ActorContext } from "./permissions.ts";

export type ReadingAccessFacts = {
  isPublic: boolean;
  createdById: string | null;
  /** Courses the reading is assigned in. */
  assignedCourseIds: readonly string[];
};

/** The ways into a reading, as data: public, created by the actor, assigned in one of their courses. */
export const READING_READ_RULE = ["public", "creator", "assigned-in-member-course"] as const;

export function canReadReading(actor: ActorContext | null, reading: ReadingAccessFacts): boolean {
  if (reading.isPublic) return true;
  if (actor === null) return false;
  if (reading.createdById !== null && reading.createdById === actor.userId) return true;
  return reading.assignedCourseIds.some((courseId) => actor.memberships.some((membership) => membership.courseId === courseId));
}

export function canEditReading(actor: ActorContext | null, reading: Pick<ReadingAccessFacts, "isPublic" | "createdById">): boolean {
  return actor !== null && !reading.isPublic && reading.createdById !== null && reading.createdById === actor.userId;
}

/** Anyone who is an instructor in at least one course may add readings. */
export function canCreateReading(actor: ActorContext | null): boolean {
  return actor !== null && actor.memberships.some((membership) => membership.role === "INSTRUCTOR");
}

/** The courses where the actor may assign a reading (they teach it). */
export function coursesToAssignIn(actor: ActorContext): string[] {
  return actor.memberships.filter((membership) => membership.role === "INSTRUCTOR").map((membership) => membership.courseId);
}
