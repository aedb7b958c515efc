import "server-only";
import { describeWriteRefusal, isAuthor, type ActorContext, type AnnotationFacts } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";

/** The refusal when canEditAnnotation or canDeleteAnnotation says no: a former member, or the author in an archived course, is told why. */
export function refuseAnnotationChange(actor: ActorContext, annotation: AnnotationFacts, verb: "edit" | "delete"): AppError {
  const refusal = isAuthor(actor, annotation) ? describeWriteRefusal(actor, annotation.courseId) : null;
  if (refusal) return new AppError("FORBIDDEN", refusal);
  return new AppError("FORBIDDEN", `Only the author can ${verb} this post.`);
}
