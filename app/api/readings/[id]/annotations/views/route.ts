import { z } from "zod";
import { AppError } from "@/lib/server/app-error";
import { ANNOTATION_PAGE_SIZE_MAX, listReadingAnnotations } from "@/lib/server/annotations/list-reading-annotations";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { readingIdFrom } from "@/lib/server/readings/reading-route";
import { errorResponse } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";

const querySchema = z.object({
  course: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(ANNOTATION_PAGE_SIZE_MAX).default(50),
  /** Comma-separated annotation ids (at most 20): fetch just these. */
  ids: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64}){0,19}$/)
    .optional(),
});

/** The margin's "load more": annotation views as the page renders them (the W3C form is the sibling route). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("VALIDATION", "page, pageSize, course or ids is not valid.");
    const id = readingIdFrom((await params).id);
    const page = await listReadingAnnotations({
      actor: await loadActorContext(actor.id),
      readingId: id,
      courseId: query.data.course ?? null,
      page: query.data.page,
      pageSize: query.data.pageSize,
      ids: query.data.ids?.split(","),
    });
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
