import { z } from "zod";
import { parseContainerPreference } from "@/lib/domain/annotation-protocol";
import { isWebAnnotationBody } from "@/lib/domain/web-annotation-input";
import { AppError } from "@/lib/server/app-error";
import { createAnnotationInputSchema } from "@/lib/server/annotations/annotation-input";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createWebAnnotation } from "@/lib/server/annotations/create-web-annotation";
import { ANNOTATION_PAGE_SIZE_MAX } from "@/lib/server/annotations/list-reading-annotations";
import { loadAnnotationContainer } from "@/lib/server/annotations/load-annotation-container";
import { negotiateMediaType, protocolHeaders, protocolResponse } from "@/lib/server/annotations/protocol-http";
import { readWebAnnotationBody } from "@/lib/server/annotations/read-web-annotation-body";
import { DEFAULT_ANNOTATION_PAGE_SIZE, toAnnotationCollection, toAnnotationPage } from "@/lib/server/annotations/to-annotation-collection";
import { annotationUrl, publicOrigin, toWebAnnotation } from "@/lib/server/annotations/to-web-annotation";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse, parseJsonBody, validateBody } from "@/lib/server/http";
import { readingIdFrom } from "@/lib/server/readings/reading-route";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";

// A reading in one context (?course=…, or the actor's own notes without it) is a Web
// Annotation Protocol container (https://www.w3.org/TR/annotation-protocol/ §4): GET without
// ?page is the AnnotationCollection, with ?page=N one AnnotationPage; POST creates.

type RouteContext = { params: Promise<{ id: string }> };

const courseSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "course is a course id.");

const listQuerySchema = z.object({
  course: courseSchema.optional(),
  page: z.coerce.number().int().min(1, "page starts at 1.").max(100_000).optional(),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(ANNOTATION_PAGE_SIZE_MAX, `pageSize is at most ${ANNOTATION_PAGE_SIZE_MAX}.`)
    .default(DEFAULT_ANNOTATION_PAGE_SIZE),
  // Pages of IRIs rather than full annotations (PreferContainedIRIs), kept in the page links.
  iris: z.enum(["0", "1"], { error: "iris is 0 or 1." }).optional(),
});

async function read(request: Request, { params }: RouteContext) {
  try {
    const mediaType = negotiateMediaType(request);
    const actor = await requireApiActor();
    const id = readingIdFrom((await params).id);
    const url = new URL(request.url);
    const query = listQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) throw new AppError("VALIDATION", query.error.issues.map((issue) => issue.message).join(" "));
    const { course, page, pageSize } = query.data;
    const preference = parseContainerPreference(request.headers.get("prefer"));
    const isIris = page === undefined ? preference === "iris" : query.data.iris === "1";
    const container = await loadAnnotationContainer({
      actor: await loadActorContext(actor.id),
      readingId: id,
      courseId: course ?? null,
      page: page ?? 1,
      pageSize,
    });
    const address = { origin: publicOrigin(request), readingId: id, courseId: course ?? null, isIris };
    if (page !== undefined) return protocolResponse(request, toAnnotationPage(container, address), { kind: "page", mediaType });
    return protocolResponse(request, toAnnotationCollection(container, address, { isMinimal: preference === "minimal" }), {
      kind: "container",
      mediaType,
      extraHeaders: preference ? { "Preference-Applied": "return=representation" } : {},
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export { read as GET, read as HEAD };

export function OPTIONS() {
  return new Response(null, { status: 204, headers: protocolHeaders("container") });
}

/**
 * Creates an annotation: 201, Location, ETag, and the annotation. Takes a W3C Web Annotation
 * (the container's ?course= is its context) or Scholia's own shape ({courseId, kind, target,
 * body: tiptap JSON, …}, as the reading page sends).
 */
export async function POST(request: Request, { params }: RouteContext) {
  try {
    const mediaType = negotiateMediaType(request);
    const actor = await requireApiActor();
    const id = readingIdFrom((await params).id);
    const raw = await parseJsonBody(request, z.unknown());
    let created;
    if (isWebAnnotationBody(raw)) {
      const course = courseSchema.optional().safeParse(new URL(request.url).searchParams.get("course") ?? undefined);
      if (!course.success) throw new AppError("VALIDATION", "course is a course id.");
      created = await createWebAnnotation({
        actorId: actor.id,
        readingId: id,
        courseId: course.data ?? null,
        draft: readWebAnnotationBody(raw),
      });
    } else {
      const body = validateBody(raw, createAnnotationInputSchema.omit({ readingId: true }));
      created = await createAnnotation({ actorId: actor.id, input: { ...body, readingId: id } });
    }
    const origin = publicOrigin(request);
    return protocolResponse(request, toWebAnnotation(created, origin), {
      kind: "annotation",
      mediaType,
      status: 201,
      extraHeaders: { Location: annotationUrl(origin, created.id) },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
