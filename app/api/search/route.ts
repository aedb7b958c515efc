import { AppError } from "@/lib/server/app-error";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { route } from "@/lib/server/route";
import { searchAnnotations } from "@/lib/server/search/search-annotations";
import { hasSearchCriteria, searchQuerySchema } from "@/lib/server/search/search-input";

/** Full-text search over the posts I may read: ?q=&author=&tag=&reading=&paragraph=&kind=&course=&group=&from=&to=&page= */
export const GET = route({ query: searchQuerySchema }, async ({ query, actor }) => {
  if (!hasSearchCriteria(query)) throw new AppError("VALIDATION", "Give words to search for (q) or at least one filter.");
  return searchAnnotations({ actor: await loadActorContext(actor.id), query });
});
