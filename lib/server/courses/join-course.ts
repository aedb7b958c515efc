import "server-only";
import { normaliseJoinCode } from "../../domain/join-code.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";

const NO_SUCH_CODE = "That code does not open any course. Check it with your instructor — codes can be changed or closed.";

/** The open course behind a join code (an archived course takes no one new) (for the join link's confirmation page), or null. */
export async function findCourseByJoinCode({ code }: { code: string }): Promise<{ id: string; title: string; term: string } | null> {
  const joinCode = normaliseJoinCode(code);
  if (!joinCode) return null;
  return getDb().course.findFirst({
    where: { joinCode, joinEnabled: true, archivedAt: null },
    select: { id: true, title: true, term: true },
  });
}

/**
 * Joins the course as a student. Joining a course one is already in changes nothing (and keeps
 * one's role). A wrong or closed code is a VALIDATION error on the `code` field.
 */
export async function joinCourse({
  actorId,
  code,
}: {
  actorId: string;
  code: string;
}): Promise<{ courseId: string; wasAlreadyMember: boolean }> {
  const course = await findCourseByJoinCode({ code });
  if (!course) throw new AppError("VALIDATION", NO_SUCH_CODE, { fieldErrors: { code: [NO_SUCH_CODE] } });
  const created = await getDb().membership.createMany({
    data: [{ userId: actorId, courseId: course.id, role: "STUDENT" }],
    skipDuplicates: true,
  });
  return { courseId: course.id, wasAlreadyMember: created.count === 0 };
}
