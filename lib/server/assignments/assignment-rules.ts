import "server-only";
import { AppError } from "../app-error.ts";
import { Prisma as PrismaNamespace, type Prisma } from "../generated/prisma/client.ts";
import { resolveRangeChoice, type AssignedRangeKind } from "../../domain/assigned-range.ts";
import { planReadingOutline } from "../../domain/reading-sections.ts";
import { listOutlineParagraphs } from "../readings/load-reading-outline.ts";
import { RANGE_FIELDS, type AssignedRangeInput, type AssignmentInput } from "./assignment-input.ts";

type Tx = Prisma.TransactionClient;

/**
 * An instructor may assign a reading of the shared library, one they added, or one already
 * assigned in a course they teach. Anything else is "no such reading" (existence not revealed).
 */
export function assignableReadingsWhere(actorId: string): Prisma.ReadingWhereInput {
  return {
    OR: [
      { isPublic: true },
      { createdById: actorId },
      { assignments: { some: { course: { memberships: { some: { userId: actorId, role: { in: ["INSTRUCTOR", "TA"] } } } } } } },
    ],
  };
}

/** Throws "no such reading" unless the actor may assign it (assignableReadingsWhere). */
export async function requireAssignableReading(tx: Tx, actorId: string, readingId: string): Promise<void> {
  const reading = await tx.reading.findFirst({
    where: { AND: [{ id: readingId }, assignableReadingsWhere(actorId)] },
    select: { id: true },
  });
  if (!reading)
    throw new AppError("NOT_FOUND", "There is no such reading to assign.", {
      fieldErrors: { readingId: ["Choose a reading from the list."] },
    });
}

/** Every group named must be one of the course's groups. */
export async function requireCourseGroups(tx: Tx, courseId: string, groupIds: readonly string[]): Promise<void> {
  if (groupIds.length === 0) return;
  const found = await tx.group.count({ where: { courseId, id: { in: [...groupIds] } } });
  if (found !== groupIds.length) {
    throw new AppError("VALIDATION", "A chosen group is not in this course (it may have been deleted). Reload and choose again.", {
      fieldErrors: { groupIds: ["A chosen group is not in this course."] },
    });
  }
}

/** Students an assignment is for: everyone when it has no groups, else members of its groups. */
export function assignedStudentsWhere(courseId: string, groupIds: readonly string[]): Prisma.MembershipWhereInput {
  return groupIds.length === 0 ? { courseId, role: "STUDENT" } : { courseId, role: "STUDENT", groupId: { in: [...groupIds] } };
}

/** assignedStudentsWhere in memory: whether this membership is one of the assignment's students. */
export function isAssignedStudent(membership: { role: string; groupId: string | null }, groupIds: readonly string[]): boolean {
  return membership.role === "STUDENT" && (groupIds.length === 0 || (membership.groupId !== null && groupIds.includes(membership.groupId)));
}

/** Assignments a student has in a course: whole-class ones and those of their group. */
export function assignmentsForStudentWhere(courseId: string, groupId: string | null): Prisma.AssignmentWhereInput {
  return {
    courseId,
    OR: [{ groups: { none: {} } }, ...(groupId ? [{ groups: { some: { groupId } } }] : [])],
  };
}

/** The columns that hold the assigned part: all null for the whole reading. */
export type AssignedRangeColumns = {
  rangeKind: AssignedRangeKind | null;
  firstPage: number | null;
  lastPage: number | null;
  firstParagraphId: string | null;
  lastParagraphId: string | null;
};

const WHOLE_READING: AssignedRangeColumns = {
  rangeKind: null,
  firstPage: null,
  lastPage: null,
  firstParagraphId: null,
  lastParagraphId: null,
};

/**
 * The part of its reading an assignment covers, checked against the reading as it is now and
 * resolved to its first and last paragraph rows: pages of its original (a PDF), sections of a
 * long reading, or paragraphs. Sections and paragraphs are numbered in one version of the text:
 * when the form's lists came from an older version, the choice is refused and asked again.
 */
export async function resolveAssignedRange(tx: Tx, readingId: string, range: AssignedRangeInput | null): Promise<AssignedRangeColumns> {
  if (!range) return WHOLE_READING;
  const fields = RANGE_FIELDS[range.kind];
  const refuse = (field: "first" | "last", message: string): never => {
    throw new AppError("VALIDATION", message, { fieldErrors: { [field === "first" ? fields.first : fields.last]: [message] } });
  };
  const reading = await tx.reading.findUniqueOrThrow({ where: { id: readingId }, select: { version: true } });
  if (range.kind !== "PAGES" && range.version !== null && range.version !== reading.version) {
    refuse("first", "The reading was edited since this form was opened, so its sections and paragraphs may have moved: choose again.");
  }
  const paragraphs = await listOutlineParagraphs(tx, readingId);
  const { sections } = planReadingOutline(paragraphs);
  const resolved = resolveRangeChoice({ paragraphs, sections }, range);
  if ("problem" in resolved) return refuse(resolved.problem.field, resolved.problem.message);
  const byPosition = new Map(paragraphs.map((paragraph) => [paragraph.position, paragraph.id]));
  return {
    rangeKind: range.kind,
    firstPage: range.kind === "PAGES" ? range.first : null,
    lastPage: range.kind === "PAGES" ? range.last : null,
    firstParagraphId: byPosition.get(resolved.range.from)!,
    lastParagraphId: byPosition.get(resolved.range.to)!,
  };
}

/** The columns an assignment form sets, as create and update both write them (groups replaced whole). */
export function assignmentColumns(input: AssignmentInput, range: AssignedRangeColumns) {
  return {
    title: input.title,
    instructions: input.instructions ?? PrismaNamespace.DbNull,
    opensAt: input.opensAt,
    dueAt: input.dueAt,
    minPosts: input.minPosts,
    postFirst: input.postFirst,
    acceptsLatePosts: input.acceptsLatePosts,
    ...range,
    groups: { createMany: { data: input.groupIds.map((groupId) => ({ groupId })) } },
  } satisfies Prisma.AssignmentUncheckedUpdateInput;
}

/** An assignment's rules for posting: when it opens and is due, how many posts, post-first, late posts. */
export type AssignmentPostingRules = {
  opensAt: Date | null;
  dueAt: Date | null;
  minPosts: number;
  postFirst: boolean;
  acceptsLatePosts: boolean;
};

/** The columns of AssignmentPostingRules, for a query's select. */
export const POSTING_RULES_SELECT = {
  opensAt: true,
  dueAt: true,
  minPosts: true,
  postFirst: true,
  acceptsLatePosts: true,
} as const satisfies Prisma.AssignmentSelect;

/** Just the posting rules of a row read with POSTING_RULES_SELECT (and more). */
export function postingRulesOf(assignment: AssignmentPostingRules): AssignmentPostingRules {
  const { opensAt, dueAt, minPosts, postFirst, acceptsLatePosts } = assignment;
  return { opensAt, dueAt, minPosts, postFirst, acceptsLatePosts };
}
