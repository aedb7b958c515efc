import { moderateAnnotation as moderateAnnotationEndpoint } from "@/lib/api/annotations";
import { moderateAnnotation } from "@/lib/server/annotations/moderate-annotation";
import { route } from "@/lib/server/route";

/** Instructors and TAs: { action: hide (with reason) | unhide | pin | unpin | endorse | unendorse | mark-answer | unmark-answer }. */
export const POST = route(moderateAnnotationEndpoint, ({ params, body, actor }) =>
  moderateAnnotation({ actorId: actor.id, annotationId: params.id, action: body }),
);
