import { notFound } from "next/navigation";
import { z } from "zod";
import { isAppError } from "@/lib/server/app-error";

// Shared by the insights, grades, rubric and my-grade pages: the route's ids, and a service call
// whose NOT_FOUND (not a member, not staff, not assigned, no such assignment) becomes the 404 page.
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const assignmentParamsSchema = z.object({ id: idSchema, assignmentId: idSchema });
export type AssignmentRouteParams = { id: string; assignmentId: string };

/** The validated ids, or the 404 page. */
export function parseAssignmentParams(params: AssignmentRouteParams): { courseId: string; assignmentId: string } {
  const parsed = assignmentParamsSchema.safeParse(params);
  if (!parsed.success) notFound();
  return { courseId: parsed.data.id, assignmentId: parsed.data.assignmentId };
}

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Where a post sits in the reading, in the course's context. */
export function postInContextHref({ readingId, courseId, paragraph }: { readingId: string; courseId: string; paragraph: number }): string {
  return `/readings/${readingId}?course=${courseId}#p-${paragraph}`;
}
