import { createReply as createReplyEndpoint } from "@/lib/api/annotations";
import { createReply } from "@/lib/server/annotations/create-reply";
import { presentWebAnnotation } from "@/lib/server/annotations/present-web-annotation";
import { ANNO_CONTENT_TYPE, annotationUrl } from "@/lib/server/annotations/to-web-annotation";
import { publicOrigin } from "@/lib/server/public-origin";
import { jsonResponse, route } from "@/lib/server/route";

/** Replies to an annotation: 201, Location, the reply as a W3C Annotation. */
export const POST = route(createReplyEndpoint, async ({ params, body, actor }) => {
  const reply = await createReply({ actorId: actor.id, parentId: params.id, body: body.body, mentionedUserIds: body.mentionedUserIds });
  const origin = publicOrigin();
  return jsonResponse(await presentWebAnnotation(reply, origin), {
    status: 201,
    headers: { Location: annotationUrl(origin, reply.id), "Content-Type": ANNO_CONTENT_TYPE },
  });
});
