import { z } from "zod";
import { AppError } from "@/lib/server/app-error";
import { createAnnotationInputSchema } from "@/lib/server/annotations/annotation-input";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { listReadingAnnotations, ANNOTATION_PAGE_SIZE_MAX } from "@/lib/server/annotations/list-reading-annotations";
import { ANNO_CONTENT_TYPE, annotationUrl, publicOrigin, toWebAnnotation } from "@/lib/server/annotations/to-web-annotation";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { readingIdFrom } from "@/lib/server/readings/reading-route";
import { errorResponse, parseJsonBody } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";

type RouteContext = { params: Promise<{ id: string }> };

const listQuerySchema = z.object({
  course: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "course is a course id.").optional(),
  page: z.coerce.number().int().min(1, "page starts at 1.").max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(ANNOTATION_PAGE_SIZE_MAX, `pageSize is at most ${ANNOTATION_PAGE_SIZE_MAX}.`).default(50),
});

/** A page of the reading's annotations in one context (?course=…, or your own notes), as a W3C AnnotationPage. */
export async function GET(request: Request, { params }: RouteContext) {
  try {
    const actor = await requireApiActor();
    const id = readingIdFrom((await params).id);
    const url = new URL(request.url);
    const query = listQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) throw new AppError("VALIDATION", query.error.issues.map((issue) => issue.message).join(" "));
    const { course, page, pageSize } = query.data;
    const result = await listReadingAnnotations({ actor: await loadActorContext(actor.id), readingId: id, courseId: course ?? null, page, pageSize });
    const origin = publicOrigin(request);
    const pageUrl = (n: number) => {
      const next = new URL(`${origin}/api/readings/${id}/annotations`);
      if (course) next.searchParams.set("course", course);
      next.searchParams.set("page", String(n));
      next.searchParams.set("pageSize", String(result.pageSize));
      return next.toString();
    };
    const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
    return Response.json(
      {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        id: pageUrl(page),
        type: "AnnotationPage",
        partOf: { id: `${origin}/api/readings/${id}/annotations${course ? `?course=${course}` : ""}`, total: result.total },
        startIndex: (page - 1) * result.pageSize,
        ...(page < lastPage ? { next: pageUrl(page + 1) } : {}),
        ...(page > 1 ? { prev: pageUrl(page - 1) } : {}),
        items: result.items.map((item) => toWebAnnotation(item, origin)),
      },
      { headers: { "Content-Type": ANNO_CONTENT_TYPE, "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/** Creates an annotation: 201, Location, and the annotation as JSON-LD. */
export async function POST(request: Request, { params }: RouteContext) {
  try {
    const actor = await requireApiActor();
    const id = readingIdFrom((await params).id);
    const body = await parseJsonBody(request, createAnnotationInputSchema.omit({ readingId: true }));
    const created = await createAnnotation({ actorId: actor.id, input: { ...body, readingId: id } });
    const origin = publicOrigin(request);
    return Response.json(toWebAnnotation(created, origin), {
      status: 201,
      headers: { Location: annotationUrl(origin, created.id), "Content-Type": ANNO_CONTENT_TYPE },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
