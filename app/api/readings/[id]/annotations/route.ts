import { z } from "zod";
import { createAnnotation as createAnnotationEndpoint } from "@/lib/api/annotations";
import { ANNOTATION_PAGE_SIZE_MAX, DEFAULT_ANNOTATION_PAGE_SIZE } from "@/lib/domain/annotation-input";
import { parseContainerPreference } from "@/lib/domain/annotation-protocol";
import { idSchema } from "@/lib/domain/ids";
import { isWebAnnotationBody } from "@/lib/domain/web-annotation-input";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createWebAnnotation } from "@/lib/server/annotations/create-web-annotation";
import { loadAnnotationContainer } from "@/lib/server/annotations/load-annotation-container";
import { negotiateMediaType, protocolHeaders, protocolResponse } from "@/lib/server/annotations/protocol-http";
import { readWebAnnotationBody } from "@/lib/server/annotations/read-web-annotation-body";
import { toContainerCollection, toContainerPage } from "@/lib/server/annotations/to-protocol-container";
import { presentWebAnnotation } from "@/lib/server/annotations/present-web-annotation";
import { annotationUrl } from "@/lib/server/annotations/to-web-annotation";
import { validateBody } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { publicOrigin } from "@/lib/server/public-origin";
import { route } from "@/lib/server/route";

// A reading in one context (?course=…, or the actor's own notes without it) is a Web
// Annotation Protocol container (https://www.w3.org/TR/annotation-protocol/ §4): GET without
// ?page is the AnnotationCollection, with ?page=N one AnnotationPage; POST creates.

const params = z.object({ id: idSchema("Reading not found.") });
const course = idSchema("course is a course id.").optional();

const listQuery = z.object({
  course,
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

const read = route({ params, query: listQuery }, async ({ request, params, query, actor }) => {
  const mediaType = negotiateMediaType(request);
  const { page, pageSize } = query;
  const courseId = query.course ?? null;
  const preference = parseContainerPreference(request.headers.get("prefer"));
  const isIris = page === undefined ? preference === "iris" : query.iris === "1";
  const container = await loadAnnotationContainer({
    actor: await loadActorContext(actor.id),
    readingId: params.id,
    courseId,
    page: page ?? 1,
    pageSize,
  });
  const address = { origin: publicOrigin(), readingId: params.id, courseId, isIris };
  if (page !== undefined) return protocolResponse(request, toContainerPage(container, address), { kind: "page", mediaType });
  return protocolResponse(request, toContainerCollection(container, address, { isMinimal: preference === "minimal" }), {
    kind: "container",
    mediaType,
    extraHeaders: preference ? { "Preference-Applied": "return=representation" } : {},
  });
});

export { read as GET, read as HEAD };

export const OPTIONS = route({ auth: "none" }, () =>
  Promise.resolve(new Response(null, { status: 204, headers: protocolHeaders("container") })),
);

/**
 * Creates an annotation: 201, Location, ETag, and the annotation. Takes a W3C Web Annotation
 * (the container's ?course= is its context) or Scholia's own shape ({courseId, kind, target,
 * body: tiptap JSON, …}, as the reading page sends: lib/api/annotations.ts createAnnotation).
 */
export const POST = route({ params, query: z.object({ course }), body: z.unknown() }, async ({ request, params, query, body, actor }) => {
  const mediaType = negotiateMediaType(request);
  const created = isWebAnnotationBody(body)
    ? await createWebAnnotation({
        actorId: actor.id,
        readingId: params.id,
        courseId: query.course ?? null,
        draft: readWebAnnotationBody(body),
      })
    : await createAnnotation({ actorId: actor.id, input: { ...validateBody(body, createAnnotationEndpoint.body), readingId: params.id } });
  const origin = publicOrigin();
  return protocolResponse(request, await presentWebAnnotation(created, origin), {
    kind: "annotation",
    mediaType,
    status: 201,
    extraHeaders: { Location: annotationUrl(origin, created.id) },
  });
});
