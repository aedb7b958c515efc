import { annotationIdFrom } from "@/lib/server/annotations/annotation-route";
import { toggleUpvote } from "@/lib/server/annotations/toggle-upvote";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse } from "@/lib/server/http";

/** Toggles the actor's upvote: { hasUpvoted, upvoteCount }. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    return Response.json(await toggleUpvote({ actorId: actor.id, annotationId: await annotationIdFrom(params) }));
  } catch (error) {
    return errorResponse(error);
  }
}
