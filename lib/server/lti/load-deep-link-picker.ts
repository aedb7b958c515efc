import "server-only";
import { AppError } from "../app-error.ts";
import { listAssignableReadings } from "../assignments/list-assignable-readings.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";

export type DeepLinkPicker = {
  requestId: string;
  courseId: string;
  courseTitle: string;
  lmsName: string;
  readings: { id: string; title: string }[];
  assignments: { id: string; title: string; readingId: string }[];
};

/** A deep linking request still open for this person (theirs, unused, unexpired), or NOT_FOUND. */
export async function findOpenDeepLinkRequest({ actorId, requestId }: { actorId: string; requestId: string }) {
  const request = await getDb().ltiDeepLinkRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      userId: true,
      courseId: true,
      deploymentId: true,
      returnUrl: true,
      data: true,
      usedAt: true,
      expiresAt: true,
      platform: { select: { name: true, clientId: true, issuer: true } },
    },
  });
  if (!request || request.userId !== actorId) throw new AppError("NOT_FOUND", "This link request is not yours, or does not exist.");
  if (request.usedAt !== null || request.expiresAt <= new Date()) {
    throw new AppError("GONE", "This link request was already answered or has expired. Start again from the LMS.");
  }
  return request;
}

/** What the instructor may link from the LMS: the readings they may assign and the course's assignments. */
export async function loadDeepLinkPicker({ actorId, requestId }: { actorId: string; requestId: string }): Promise<DeepLinkPicker> {
  const request = await findOpenDeepLinkRequest({ actorId, requestId });
  await requireCourseRole({ actorId, courseId: request.courseId, permission: "manageAssignments" });
  const db = getDb();
  const [course, readings, assignments] = await Promise.all([
    db.course.findUniqueOrThrow({ where: { id: request.courseId }, select: { title: true } }),
    listAssignableReadings({ actorId }),
    db.assignment.findMany({
      where: { courseId: request.courseId },
      select: { id: true, title: true, readingId: true },
      orderBy: { createdAt: "asc" },
      take: 500,
    }),
  ]);
  return { requestId, courseId: request.courseId, courseTitle: course.title, lmsName: request.platform.name, readings, assignments };
}
