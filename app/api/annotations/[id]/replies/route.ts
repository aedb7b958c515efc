import { createReplyInputSchema } from "@/lib/server/annotations/annotation-input";
import { annotationIdFrom } from "@/lib/server/annotations/annotation-route";
import { createReply } from "@/lib/server/annotations/create-reply";
import { ANNO_CONTENT_TYPE, annotationUrl, publicOrigin, toWebAnnotation } from "@/lib/server/annotations/to-web-annotation";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse, parseJsonBody } from "@/lib/server/http";

/** Replies to an annotation: 201, Location, the reply as a W3C Annotation. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    const input = await parseJsonBody(request, createReplyInputSchema);
    const reply = await createReply({
      actorId: actor.id,
      parentId: await annotationIdFrom(params),
      body: input.body,
      mentionedUserIds: input.mentionedUserIds,
    });
    const origin = publicOrigin(request);
    return Response.json(toWebAnnotation(reply, origin), {
      status: 201,
      headers: { Location: annotationUrl(origin, reply.id), "Content-Type": ANNO_CONTENT_TYPE },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
