import "server-only";
import { AppError } from "../app-error.ts";
import { Prisma as PrismaNamespace, type Prisma } from "../generated/prisma/client.ts";
import type { AssignmentInput } from "./assignment-input.ts";

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

/** Assignments a student has in a course: whole-class ones and those of their group. */
export function assignmentsForStudentWhere(courseId: string, groupId: string | null): Prisma.AssignmentWhereInput {
  return {
    courseId,
    OR: [{ groups: { none: {} } }, ...(groupId ? [{ groups: { some: { groupId } } }] : [])],
  };
}

/**
 * The pages an assignment covers must be pages of its reading's original: a reading without
 * pages (pasted text, Word) is assigned whole.
 */
export async function requireReadingPages(tx: Tx, readingId: string, pages: { first: number; last: number } | null): Promise<void> {
  if (!pages) return;
  const { _max } = await tx.paragraph.aggregate({ where: { readingId, retiredInVersion: null }, _max: { page: true } });
  if (_max.page === null) {
    throw new AppError("VALIDATION", "This reading has no pages (it was not imported from a PDF): assign it whole.", {
      fieldErrors: { firstPage: ["This reading has no pages: leave the pages empty."] },
    });
  }
  if (pages.last > _max.page) {
    throw new AppError("VALIDATION", `This reading has ${_max.page} pages.`, {
      fieldErrors: { lastPage: [`The reading ends on page ${_max.page}.`] },
    });
  }
}

/** The columns an assignment form sets, as create and update both write them (groups replaced whole). */
export function assignmentColumns(input: AssignmentInput) {
  return {
    title: input.title,
    instructions: input.instructions ?? PrismaNamespace.DbNull,
    opensAt: input.opensAt,
    dueAt: input.dueAt,
    minPosts: input.minPosts,
    postFirst: input.postFirst,
    acceptsLatePosts: input.acceptsLatePosts,
    firstPage: input.pages?.first ?? null,
    lastPage: input.pages?.last ?? null,
    groups: { createMany: { data: input.groupIds.map((groupId) => ({ groupId })) } },
  } satisfies Prisma.AssignmentUncheckedUpdateInput;
}
