import { toggleUpvote as toggleUpvoteEndpoint } from "@/lib/api/annotations";
import { toggleUpvote } from "@/lib/server/annotations/toggle-upvote";
import { route } from "@/lib/server/route";

/** Toggles the actor's upvote: { hasUpvoted, upvoteCount }. */
export const POST = route(toggleUpvoteEndpoint, ({ params, actor }) => toggleUpvote({ actorId: actor.id, annotationId: params.id }));
