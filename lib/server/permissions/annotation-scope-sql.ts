import "server-only";
import { planAnnotationRead } from "../../domain/annotation-read-plan.ts";
import { isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { Prisma } from "../generated/prisma/client.ts";

// annotationReadScope (annotation-scope.ts) as an SQL condition, for the queries Prisma's query
// builder cannot write (full-text search over the Unsupported tsvector column). It is built from
// the same READ_RULES and ActorContext (through planAnnotationRead), and an integration test checks that
// both scopes return the same rows for every actor of a permission matrix. Every value is a bind
// parameter; only the table alias is spliced in, and it is checked to be a plain identifier.

const ALIAS_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function column(alias: string, name: string): Prisma.Sql {
  if (!ALIAS_PATTERN.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  return Prisma.raw(`"${alias}"."${name}"`);
}

function anyOf(clauses: readonly Prisma.Sql[]): Prisma.Sql {
  return clauses.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`(${Prisma.join(clauses, " OR ")})`;
}

function allOf(clauses: readonly Prisma.Sql[]): Prisma.Sql {
  return clauses.length === 0 ? Prisma.sql`TRUE` : Prisma.sql`(${Prisma.join(clauses, " AND ")})`;
}

/**
 * The annotations (aliased `alias` in the caller's query) the actor may know exist: the same
 * rows as annotationReadScope(actor). Further gates (each narrowing what the visibility rule
 * opens) are AND-ed in the `gates` list below.
 */
export function annotationReadScopeSql(actor: ActorContext, alias = "Annotation"): Prisma.Sql {
  const col = (name: string) => column(alias, name);
  const plan = planAnnotationRead(actor);
  // The author clause also covers "author-only" (PRIVATE) and personal notes.
  const readable: Prisma.Sql[] = [Prisma.sql`${col("authorId")} = ${plan.authorId}`];
  for (const [visibility, courseIds] of plan.coursesReadInFull) {
    readable.push(
      Prisma.sql`(${col("visibility")} = ${visibility}::"Visibility" AND ${col("courseId")} IN (${Prisma.join([...courseIds])}))`,
    );
  }
  for (const { visibility, courseId, groupId } of plan.ownGroups) {
    readable.push(
      Prisma.sql`(${col("visibility")} = ${visibility}::"Visibility" AND ${col("courseId")} = ${courseId} AND ${col("groupId")} = ${groupId})`,
    );
  }

  // Each gate narrows the visibility rule; a new rule that hides readable posts goes here.
  // Post first: per gated assignment, others' posts only on the paragraphs the actor posted on.
  const gates: Prisma.Sql[] = (actor.postFirstGates ?? []).map((gate) =>
    anyOf([
      Prisma.sql`${col("assignmentId")} IS NULL`,
      Prisma.sql`${col("assignmentId")} <> ${gate.assignmentId}`,
      Prisma.sql`${col("authorId")} = ${actor.userId}`,
      ...(gate.unlockedParagraphIds.length > 0
        ? [Prisma.sql`${col("paragraphId")} IN (${Prisma.join([...gate.unlockedParagraphIds])})`]
        : []),
    ]),
  );
  return allOf([anyOf(readable), ...gates]);
}

/**
 * The annotations whose content (body, quote) the actor may read: canReadAnnotationContent as
 * SQL. Deleted posts never; hidden posts only for their author and the course's staff. Search
 * matches through this, so a hidden post's words cannot be found by a student.
 */
export function annotationContentScopeSql(actor: ActorContext, alias = "Annotation"): Prisma.Sql {
  const col = (name: string) => column(alias, name);
  const staffCourseIds = actor.memberships.filter((membership) => isStaffRole(membership.role)).map((membership) => membership.courseId);
  const mayReadHidden = [Prisma.sql`${col("authorId")} = ${actor.userId}`];
  if (staffCourseIds.length > 0) mayReadHidden.push(Prisma.sql`${col("courseId")} IN (${Prisma.join(staffCourseIds)})`);
  return allOf([
    annotationReadScopeSql(actor, alias),
    Prisma.sql`${col("deletedAt")} IS NULL`,
    anyOf([Prisma.sql`${col("hiddenAt")} IS NULL`, ...mayReadHidden]),
  ]);
}
