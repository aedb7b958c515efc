import { loadLinkedPost as loadLinkedPostEndpoint } from "@/lib/api/annotations";
import { loadLinkedPost } from "@/lib/server/annotations/load-linked-post";
import { loadReadingScope } from "@/lib/server/permissions/load-reading-scope";
import { route } from "@/lib/server/route";

/** The post a permanent link names, as the reader may see it (404 for one they may not). */
export const GET = route(loadLinkedPostEndpoint, async ({ params, query, actor }) =>
  loadLinkedPost({
    ...(await loadReadingScope({ actorId: actor.id, readingId: params.id, courseId: query.course })),
    annotationId: params.annotationId,
  }),
);
