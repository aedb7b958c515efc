import { listAnnotationViews } from "@/lib/api/annotations";
import { listReadingAnnotations } from "@/lib/server/annotations/list-reading-annotations";
import { loadReadingScope } from "@/lib/server/permissions/load-reading-scope";
import { route } from "@/lib/server/route";

/** The margin's "load more": annotation views as the page renders them (the W3C form is the sibling route). */
export const GET = route(listAnnotationViews, async ({ params, query, actor }) =>
  listReadingAnnotations({
    ...(await loadReadingScope({ actorId: actor.id, readingId: params.id, courseId: query.course })),
    page: query.page,
    pageSize: query.pageSize,
    ids: query.ids,
    paragraphRange:
      query.from !== undefined || query.to !== undefined ? { from: query.from ?? 1, to: query.to ?? Number.MAX_SAFE_INTEGER } : undefined,
  }),
);
