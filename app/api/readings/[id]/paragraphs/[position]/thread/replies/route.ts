import { listThreadReplies as listThreadRepliesEndpoint } from "@/lib/api/annotations";
import { listThreadReplies } from "@/lib/server/annotations/list-thread-replies";
import { loadReadingScope } from "@/lib/server/permissions/load-reading-scope";
import { route } from "@/lib/server/route";

/** "Show N more replies": the next replies of one root of a paragraph's discussion. */
export const GET = route(listThreadRepliesEndpoint, async ({ params, query, actor }) =>
  listThreadReplies({
    ...(await loadReadingScope({ actorId: actor.id, readingId: params.id, courseId: query.course })),
    paragraphPosition: params.position,
    rootId: query.root,
    after: query.after ?? null,
    limit: query.limit,
  }),
);
