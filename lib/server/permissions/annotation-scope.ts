import "server-only";
import { planAnnotationRead } from "../../domain/annotation-read-plan.ts";
import { STAFF_READABLE_VISIBILITIES, type ActorContext } from "../../domain/permissions.ts";
import { isAssignedStudent } from "../assignments/assignment-rules.ts";
import { getDb } from "../db.ts";
import type { Annotation, Prisma, PrismaClient } from "../generated/prisma/client.ts";

// Every read of annotations — pages, API, search, exports, the live channel — goes through
// annotationReadScope (ANDed into the query's where) or its SQL twin (annotation-scope-sql.ts),
// so that a query can only return what the actor may see (docs/ARCHITECTURE.md, "The permission
// core"). Both turn the same plan (planAnnotationRead: READ_RULES applied to the actor's
// memberships) into their language; canReadAnnotation states the rule for one annotation in
// hand, and the integration tests check that all three agree.

/**
 * The actor with every course they belong to, and for a student the post-first gates of their
 * courses' assignments with the paragraphs they have unlocked: one statement (every request of a
 * signed-in reader makes it, so it is one round trip rather than two, #12).
 * `db`: the client to read with (the live channel reads on connections of its own).
 */
export async function loadActorContext(userId: string, db: PrismaClient = getDb()): Promise<ActorContext> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: {
      courseId: true,
      role: true,
      groupId: true,
      course: {
        select: {
          archivedAt: true,
          // Read for every membership, used for a student's (staff have no gates): a course's
          // post-first assignments are few, and a second round trip costs more than the rows.
          assignments: {
            where: { postFirst: true },
            orderBy: { id: "asc" },
            select: {
              id: true,
              groups: { select: { groupId: true } },
              // unlocksPostFirstParagraph as a where: a post staff can see unlocks its paragraph; a
              // highlight, a deleted post or a PRIVATE note does not.
              annotations: {
                where: {
                  authorId: userId,
                  deletedAt: null,
                  kind: { not: "HIGHLIGHT" },
                  visibility: { in: [...STAFF_READABLE_VISIBILITIES] },
                },
                select: { paragraphId: true },
                distinct: ["paragraphId"],
              },
            },
          },
        },
      },
    },
    orderBy: { courseId: "asc" },
  });
  const memberships = rows.map(({ courseId, role, groupId }) => ({ courseId, role, groupId }));
  const archivedCourseIds = rows.filter((row) => row.course.archivedAt !== null).map((row) => row.courseId);
  // Only when there are some, so that an actor without archived courses looks as before.
  const archived = archivedCourseIds.length > 0 ? { archivedCourseIds } : {};
  if (!memberships.some((membership) => membership.role === "STUDENT")) return { userId, memberships, ...archived };
  // Only the assignments that are for this student (whole class or their group).
  const postFirstGates = rows.flatMap((row) =>
    row.course.assignments
      .filter((assignment) =>
        isAssignedStudent(
          row,
          assignment.groups.map((group) => group.groupId),
        ),
      )
      .map((assignment) => ({
        assignmentId: assignment.id,
        unlockedParagraphIds: assignment.annotations.map((annotation) => annotation.paragraphId),
      })),
  );
  return { userId, memberships, postFirstGates, ...archived };
}

/**
 * The annotations the actor may see (placeholders for hidden and deleted ones included: their
 * content is decided per annotation by canReadAnnotationContent). An actor without memberships
 * keeps only their own annotations.
 */
export function annotationReadScope(actor: ActorContext): Prisma.AnnotationWhereInput {
  // The author clause also covers "author-only" (PRIVATE) and personal notes, which no
  // membership opens to anyone else.
  const plan = planAnnotationRead(actor);
  const clauses: Prisma.AnnotationWhereInput[] = [{ authorId: plan.authorId }];
  for (const [visibility, courseIds] of plan.coursesReadInFull) clauses.push({ visibility, courseId: { in: [...courseIds] } });
  for (const { visibility, courseId, groupId } of plan.ownGroups) clauses.push({ visibility, courseId, groupId });
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

export type ListReadableAnnotationsOptions = {
  actor: ActorContext;
  /** The caller's filter; it can only narrow the scope, never widen it. */
  where?: Prisma.AnnotationWhereInput;
  orderBy?: Prisma.AnnotationOrderByWithRelationInput | Prisma.AnnotationOrderByWithRelationInput[];
  take?: number;
  skip?: number;
};

/**
 * Annotations matching `where` that the actor may see: annotationReadScope ANDed into a plain
 * findMany. The services AND the scope into their own queries (counts, selects with relations);
 * the integration tests read through this to check the scope itself.
 */
export async function listReadableAnnotations({
  actor,
  where,
  orderBy,
  take,
  skip,
}: ListReadableAnnotationsOptions): Promise<Annotation[]> {
  const scope = annotationReadScope(actor);
  return getDb().annotation.findMany({
    where: where ? { AND: [scope, where] } : scope,
    orderBy,
    take,
    skip,
  });
}
