import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import type { StreamAccess } from "../../domain/live-access.ts";
import { loadAnnotationContext } from "../annotations/load-annotation-context.ts";
import { AppError } from "../app-error.ts";
import { isCredentialCurrent } from "../auth/is-credential-current.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";

/**
 * Whether the stream's reader may still follow the reading in its context, checked from scratch:
 * the credential still authenticates them, and the reading is open to them there (membership,
 * assignment, reading access). Returns their fresh permission context; throws UNAUTHENTICATED or
 * NOT_FOUND when access is gone (any other error, such as the database being away, is not an
 * answer and is thrown as it is).
 */
export async function authorizeLiveStream({ access, readingId }: { access: StreamAccess; readingId: string }): Promise<ActorContext> {
  if (!(await isCredentialCurrent(access.userId, access.credential))) {
    throw new AppError("UNAUTHENTICATED", "This session or token is no longer valid.");
  }
  const actor = await loadActorContext(access.userId);
  await loadAnnotationContext(actor, readingId, access.courseId);
  return actor;
}
