import { AppError } from "@/lib/server/app-error";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { searchAnnotations } from "@/lib/server/search/search-annotations";
import { hasSearchCriteria, parseSearchParams } from "@/lib/server/search/search-input";

/** Full-text search over the posts I may read: ?q=&author=&tag=&reading=&paragraph=&kind=&course=&group=&from=&to=&page= */
export async function GET(request: Request) {
  try {
    const actor = await requireApiActor();
    const parsed = parseSearchParams(new URL(request.url).searchParams);
    if (!parsed.ok) throw new AppError("VALIDATION", "Some search parameters are not valid.", { fieldErrors: parsed.fieldErrors });
    if (!hasSearchCriteria(parsed.query)) throw new AppError("VALIDATION", "Give words to search for (q) or at least one filter.");
    const result = await searchAnnotations({ actor: await loadActorContext(actor.id), query: parsed.query });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
