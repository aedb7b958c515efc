import "server-only";
import { canPassBackGrades } from "../../domain/lti-advantage.ts";
import { getDb } from "../db.ts";

export type CourseGradebook = {
  platform: { id: string; name: string; clientId: string; accessTokenUrl: string };
  lineItemsUrl: string;
};

/** The LMS gradebook a course's grades go to: its LMS course whose latest launch offered line items and scores. */
export async function findCourseGradebook(courseId: string): Promise<CourseGradebook | null> {
  return (await findCourseGradebooks([courseId])).get(courseId) ?? null;
}

/** findCourseGradebook for many courses in one query: by course id, courses without one left out. */
export async function findCourseGradebooks(courseIds: readonly string[]): Promise<Map<string, CourseGradebook>> {
  const gradebooks = new Map<string, CourseGradebook>();
  if (courseIds.length === 0) return gradebooks;
  const contexts = await getDb().ltiContext.findMany({
    where: { courseId: { in: [...courseIds] }, lineItemsUrl: { not: null } },
    select: {
      courseId: true,
      lineItemsUrl: true,
      agsScopes: true,
      platform: { select: { id: true, name: true, clientId: true, accessTokenUrl: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  for (const context of contexts) {
    if (!gradebooks.has(context.courseId) && canPassBackGrades(context))
      gradebooks.set(context.courseId, { platform: context.platform, lineItemsUrl: context.lineItemsUrl! });
  }
  return gradebooks;
}
