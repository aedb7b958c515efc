import "server-only";
import {
  READ_RULES,
  STAFF_READABLE_VISIBILITIES,
  VISIBILITIES,
  type ActorContext,
  type ReadReach,
  type Visibility,
} from "../../domain/permissions.ts";
import { assignmentsForStudentWhere } from "../assignments/assignment-rules.ts";
import { getDb } from "../db.ts";
import type { Annotation, Prisma } from "../generated/prisma/client.ts";

// Every read of annotations — pages, API, search, exports, the live channel — goes through
// annotationReadScope (usually via findReadableAnnotations), so that a query can only return
// what the actor may see (DESIGN.md "Visibility"). It is READ_RULES from lib/domain turned into
// a Prisma `where`; canReadAnnotation states the same rule for one annotation in hand, and the
// integration test checks that the two agree.

/**
 * The actor with every course they belong to (one query), and for a student the post-first
 * gates of their courses' assignments with the paragraphs they have unlocked (one more).
 */
export async function loadActorContext(userId: string): Promise<ActorContext> {
  const db = getDb();
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { courseId: true, role: true, groupId: true },
    orderBy: { courseId: "asc" },
  });
  const studentMemberships = memberships.filter((membership) => membership.role === "STUDENT");
  if (studentMemberships.length === 0) return { userId, memberships };
  const gated = await db.assignment.findMany({
    // Only the assignments that are for this student (whole class or their group).
    where: {
      postFirst: true,
      OR: studentMemberships.map((membership) => assignmentsForStudentWhere(membership.courseId, membership.groupId)),
    },
    select: {
      id: true,
      // unlocksPostFirstParagraph as a where: a post staff can see unlocks its paragraph; a
      // highlight, a deleted post or a PRIVATE note does not.
      annotations: {
        where: { authorId: userId, deletedAt: null, kind: { not: "HIGHLIGHT" }, visibility: { in: [...STAFF_READABLE_VISIBILITIES] } },
        select: { paragraphId: true },
        distinct: ["paragraphId"],
      },
    },
  });
  const postFirstGates = gated.map((assignment) => ({
    assignmentId: assignment.id,
    unlockedParagraphIds: assignment.annotations.map((annotation) => annotation.paragraphId),
  }));
  return { userId, memberships, postFirstGates };
}

/**
 * The annotations the actor may see (placeholders for hidden and deleted ones included: their
 * content is decided per annotation by canReadAnnotationContent). An actor without memberships
 * keeps only their own annotations.
 */
export function annotationReadScope(actor: ActorContext): Prisma.AnnotationWhereInput {
  // The author clause also covers "author-only" (PRIVATE) and personal notes, which no
  // membership opens to anyone else.
  const clauses: Prisma.AnnotationWhereInput[] = [{ authorId: actor.userId }];
  const coursesReadInFull = new Map<Visibility, Set<string>>();
  const ownGroupClauses: Prisma.AnnotationWhereInput[] = [];

  for (const membership of actor.memberships) {
    for (const visibility of VISIBILITIES) {
      const reach: ReadReach = READ_RULES[membership.role][visibility];
      switch (reach) {
        case "all": {
          const courseIds = coursesReadInFull.get(visibility) ?? new Set<string>();
          courseIds.add(membership.courseId);
          coursesReadInFull.set(visibility, courseIds);
          break;
        }
        case "own-group":
          // Without a group there is nothing of this visibility to share with the member.
          if (membership.groupId !== null) {
            ownGroupClauses.push({ visibility, courseId: membership.courseId, groupId: membership.groupId });
          }
          break;
        case "author-only":
          break;
      }
    }
  }

  for (const [visibility, courseIds] of coursesReadInFull) {
    clauses.push({ visibility, courseId: { in: [...courseIds] } });
  }
  clauses.push(...ownGroupClauses);
  const gates = postFirstGateClauses(actor);
  return gates.length === 0 ? { OR: clauses } : { AND: [{ OR: clauses }, ...gates] };
}

/** isBehindPostFirstGate as a where: per gate, others' posts only on unlocked paragraphs. */
function postFirstGateClauses(actor: ActorContext): Prisma.AnnotationWhereInput[] {
  return (actor.postFirstGates ?? []).map((gate) => ({
    OR: [
      { assignmentId: null },
      { assignmentId: { not: gate.assignmentId } },
      { authorId: actor.userId },
      { paragraphId: { in: [...gate.unlockedParagraphIds] } },
    ],
  }));
}

export type FindReadableAnnotationsOptions = {
  actor: ActorContext;
  /** The caller's filter; it can only narrow the scope, never widen it. */
  where?: Prisma.AnnotationWhereInput;
  orderBy?: Prisma.AnnotationOrderByWithRelationInput | Prisma.AnnotationOrderByWithRelationInput[];
  take?: number;
  skip?: number;
};

/**
 * Annotations matching `where` that the actor may see. Every read of annotations must go
 * through this scope: use this helper, or AND annotationReadScope(actor) into any other query
 * (counts, selects with relations, the live channel's filter).
 */
export async function findReadableAnnotations({
  actor,
  where,
  orderBy,
  take,
  skip,
}: FindReadableAnnotationsOptions): Promise<Annotation[]> {
  const scope = annotationReadScope(actor);
  return getDb().annotation.findMany({
    where: where ? { AND: [scope, where] } : scope,
    orderBy,
    take,
    skip,
  });
}
