import { annotationIdFrom } from "@/lib/server/annotations/annotation-route";
import { moderateAnnotation, moderationActionSchema } from "@/lib/server/annotations/moderate-annotation";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse, parseJsonBody } from "@/lib/server/http";

/** Instructors and TAs: { action: hide (with reason) | unhide | pin | unpin | endorse | unendorse | mark-answer | unmark-answer }. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    const action = await parseJsonBody(request, moderationActionSchema);
    return Response.json(await moderateAnnotation({ actorId: actor.id, annotationId: await annotationIdFrom(params), action }));
  } catch (error) {
    return errorResponse(error);
  }
}
