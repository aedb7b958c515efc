import "server-only";
import { canWriteInContext, isAuthor, NOT_A_MEMBER_MESSAGE, type ActorContext, type AnnotationFacts } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";

/** The refusal when canEditAnnotation or canDeleteAnnotation says no: a former member is told why. */
export function refuseAnnotationChange(actor: ActorContext, annotation: AnnotationFacts, verb: "edit" | "delete"): AppError {
  if (isAuthor(actor, annotation) && !canWriteInContext(actor, annotation.courseId)) return new AppError("FORBIDDEN", NOT_A_MEMBER_MESSAGE);
  return new AppError("FORBIDDEN", `Only the author can ${verb} this post.`);
}
