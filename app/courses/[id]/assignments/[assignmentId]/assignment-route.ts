import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { parsePageParams } from "@/lib/server/pages";

// Shared by the insights, grades, rubric and my-grade pages: the route's ids (an id that cannot
// exist is the 404 page); their service calls go through orNotFound (lib/server/pages.ts).
export const assignmentParamsSchema = z.object({ id: idSchema(), assignmentId: idSchema() });
export type AssignmentRouteParams = { id: string; assignmentId: string };

/** The validated ids, or the 404 page. */
export function parseAssignmentParams(params: AssignmentRouteParams): { courseId: string; assignmentId: string } {
  const { id, assignmentId } = parsePageParams(assignmentParamsSchema, params);
  return { courseId: id, assignmentId };
}

/** Where a post sits in the reading, in the course's context. */
export function postInContextHref({ readingId, courseId, paragraph }: { readingId: string; courseId: string; paragraph: number }): string {
  return `/readings/${readingId}?course=${courseId}#p-${paragraph}`;
}
