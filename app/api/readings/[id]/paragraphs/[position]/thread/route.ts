import { listParagraphThread as listParagraphThreadEndpoint } from "@/lib/api/annotations";
import { listParagraphThread } from "@/lib/server/annotations/list-paragraph-thread";
import { loadReadingScope } from "@/lib/server/permissions/load-reading-scope";
import { route } from "@/lib/server/route";

/** A page of a paragraph's discussion for the actor: roots with their first replies nested. */
export const GET = route(listParagraphThreadEndpoint, async ({ params, query, actor }) =>
  listParagraphThread({
    ...(await loadReadingScope({ actorId: actor.id, readingId: params.id, courseId: query.course })),
    paragraphPosition: params.position,
    sort: query.sort,
    offset: query.offset,
    limit: query.limit,
    focusId: query.focus ?? null,
  }),
);
