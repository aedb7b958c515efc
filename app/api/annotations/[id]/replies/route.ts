import { createReply as createReplyEndpoint } from "@/lib/api/annotations";
import { createReply } from "@/lib/server/annotations/create-reply";
import { presentWebAnnotation } from "@/lib/server/annotations/present-web-annotation";
import { protocolOptions, protocolRoute } from "@/lib/server/annotations/protocol-http";
import { ANNO_CONTENT_TYPE } from "@/lib/server/annotations/to-web-annotation";
import { publicOrigin } from "@/lib/server/public-origin";
import { jsonResponse, route } from "@/lib/server/route";

/**
 * Replies to an annotation: 201, Location, the reply as a W3C Annotation. Token clients on another
 * origin may use it like the container (CORS for Bearer requests only, protocol-http.ts).
 */
export const POST = protocolRoute(
  route(createReplyEndpoint, async ({ params, body, actor }) => {
    const reply = await createReply({
      actorId: actor.id,
      actorName: actor.name,
      parentId: params.id,
      body: body.body,
      mentionedUserIds: body.mentionedUserIds,
    });
    const annotation = await presentWebAnnotation(reply, publicOrigin());
    return jsonResponse(annotation, {
      status: 201,
      headers: { Location: annotation.id, "Content-Type": ANNO_CONTENT_TYPE },
    });
  }),
);

export const OPTIONS = route({ auth: "none" }, ({ request }) => Promise.resolve(protocolOptions(request, "replies")));
