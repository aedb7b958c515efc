import { listThreadReplies as listThreadRepliesEndpoint } from "@/lib/api/annotations";
import { listThreadReplies } from "@/lib/server/annotations/list-thread-replies";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { route } from "@/lib/server/route";

/** "Show N more replies": the next replies of one root of a paragraph's discussion. */
export const GET = route(listThreadRepliesEndpoint, async ({ params, query, actor }) =>
  listThreadReplies({
    actor: await loadActorContext(actor.id),
    readingId: params.id,
    courseId: query.course ?? null,
    paragraphPosition: params.position,
    rootId: query.root,
    after: query.after ?? null,
    limit: query.limit,
  }),
);
