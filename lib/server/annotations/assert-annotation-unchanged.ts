import "server-only";
import { isIfMatchSatisfied } from "../../domain/annotation-protocol.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import { presentAnnotation } from "./present-annotation.ts";
import { entityTagOf } from "./protocol-http.ts";
import { presentWebAnnotation } from "./present-web-annotation.ts";

/**
 * The If-Match check before a write (Web Annotation Protocol §5.3, RFC 9110 §13.1.1): the tag
 * the client holds must be the annotation's current one, or the write is refused with 412 so
 * the client re-reads instead of overwriting a change it has not seen. `isRequired` makes a
 * missing If-Match a 428. An annotation the actor cannot read is NOT_FOUND, as everywhere.
 *
 * Checked just before the service writes, not in the same transaction: only the author can
 * write, so the window is one person's two clients racing within milliseconds.
 */
export async function assertAnnotationUnchanged({
  actor,
  annotationId,
  ifMatch,
  origin,
  isRequired,
}: {
  actor: ActorContext;
  annotationId: string;
  ifMatch: string | null;
  origin: string;
  isRequired: boolean;
}): Promise<void> {
  if (ifMatch === null && !isRequired) return;
  const row = await loadReadableAnnotationRow(actor, annotationId);
  if (ifMatch === null) {
    throw new AppError(
      "PRECONDITION_REQUIRED",
      "Send If-Match with the ETag of the annotation you read (GET it first), so a newer change is not overwritten.",
    );
  }
  const current = entityTagOf(await presentWebAnnotation(presentAnnotation(actor, row), origin));
  if (!isIfMatchSatisfied(ifMatch, current)) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "The annotation has changed since you read it (If-Match does not match its ETag). GET it again and reapply your change.",
    );
  }
}
