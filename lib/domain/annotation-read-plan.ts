// READ_RULES applied to one actor's memberships: which courses they read in full for each
// visibility, and which (course, group) pairs they read for group work. A query builder turns
// this plan into its own language (Prisma where, SQL); building the plan once keeps them equal.

import { READ_RULES, VISIBILITIES, type ActorContext, type ReadReach, type Visibility } from "./permissions.ts";

export type AnnotationReadPlan = {
  authorId: string;
  /** Per visibility, the courses whose annotations of that visibility the actor reads, all of them. */
  coursesReadInFull: ReadonlyMap<Visibility, readonly string[]>;
  /** Annotations of this visibility, course and group (a student's own group). */
  ownGroups: readonly { visibility: Visibility; courseId: string; groupId: string }[];
};

export function planAnnotationRead(actor: ActorContext): AnnotationReadPlan {
  const coursesReadInFull = new Map<Visibility, string[]>();
  const ownGroups: { visibility: Visibility; courseId: string; groupId: string }[] = [];
  for (const membership of actor.memberships) {
    for (const visibility of VISIBILITIES) {
      const reach: ReadReach = READ_RULES[membership.role][visibility];
      switch (reach) {
        case "all": {
          const courseIds = coursesReadInFull.get(visibility) ?? [];
          if (!courseIds.includes(membership.courseId)) courseIds.push(membership.courseId);
          coursesReadInFull.set(visibility, courseIds);
          break;
        }
        case "own-group":
          // Without a group there is nothing of this visibility to share with the member.
          if (membership.groupId !== null) ownGroups.push({ visibility, courseId: membership.courseId, groupId: membership.groupId });
          break;
        case "author-only":
          break;
      }
    }
  }
  return { authorId: actor.userId, coursesReadInFull, ownGroups };
}
