import "server-only";
import { AppError } from "../app-error.ts";
import { annotationIdSchema } from "./annotation-input.ts";

/** The annotation id of a route, or the same 404 as an annotation one may not see. */
export async function annotationIdFrom(params: Promise<{ id: string }>): Promise<string> {
  const parsed = annotationIdSchema.safeParse((await params).id);
  if (!parsed.success) throw new AppError("NOT_FOUND", "Annotation not found.");
  return parsed.data;
}
