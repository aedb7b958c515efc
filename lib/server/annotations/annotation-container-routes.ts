import "server-only";
import { z } from "zod";
import { createAnnotation as createAnnotationEndpoint } from "../../api/annotations.ts";
import { ANNOTATION_PAGE_SIZE_MAX, DEFAULT_ANNOTATION_PAGE_SIZE } from "../../domain/annotation-input.ts";
import { parseContainerPreference } from "../../domain/annotation-protocol.ts";
import { idSchema } from "../../domain/ids.ts";
import { isWebAnnotationBody } from "../../domain/web-annotation-input.ts";
import { AppError } from "../app-error.ts";
import { validateBody } from "../http.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { publicOrigin } from "../public-origin.ts";
import { route, type RouteHandler } from "../route.ts";
import { createAnnotation } from "./create-annotation.ts";
import { createWebAnnotation } from "./create-web-annotation.ts";
import { loadAnnotationContainer } from "./load-annotation-container.ts";
import { presentWebAnnotation } from "./present-web-annotation.ts";
import { negotiateMediaType, protocolOptions, protocolResponse, protocolRoute } from "./protocol-http.ts";
import { readWebAnnotationBody } from "./read-web-annotation-body.ts";
import { toContainerCollection, toContainerPage } from "./to-protocol-container.ts";

// The handlers of a reading's annotation container in one context (Web Annotation Protocol §4):
// `/api/readings/<id>/annotations/` (the reader's own notes) and
// `/api/readings/<id>/courses/<course>/annotations/` (a course) answer alike. GET without ?page
// is the AnnotationCollection, with ?page=N one AnnotationPage; POST creates. The address without
// its trailing slash never gets here: proxy.ts redirects it (lib/domain/annotation-container-address.ts).

const readingId = idSchema("Reading not found.");
const ownParams = z.object({ id: readingId });
const courseParams = z.object({ id: readingId, courseId: idSchema("Course not found.") });

const listQuery = z.object({
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

type ContainerParams = { id: string; courseId?: string };

function courseOf(params: ContainerParams): string | null {
  return params.courseId ?? null;
}

function readHandler(params: typeof ownParams | typeof courseParams): RouteHandler {
  return protocolRoute(
    route({ params, query: listQuery }, async ({ request, params, query, actor }) => {
      const mediaType = negotiateMediaType(request);
      const { page, pageSize } = query;
      const courseId = courseOf(params);
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
      if (page !== undefined) {
        const document = toContainerPage(container, address);
        return protocolResponse(request, document, { kind: "page", mediaType, extraHeaders: { "Content-Location": document.id } });
      }
      const document = toContainerCollection(container, address, { isMinimal: preference === "minimal" });
      return protocolResponse(request, document, {
        kind: "container",
        mediaType,
        extraHeaders: { "Content-Location": document.id, ...(preference ? { "Preference-Applied": "return=representation" } : {}) },
      });
    }),
  );
}

/**
 * Creates an annotation: 201, Location, ETag, and the annotation. Takes a W3C Web Annotation (the
 * container's course is its context) or Scholia's own shape ({courseId, kind, target, body:
 * tiptap JSON, …}, as the reading page sends: lib/api/annotations.ts createAnnotation), which
 * names its course itself; posted to a course's container it must name that course.
 */
function createHandler(params: typeof ownParams | typeof courseParams): RouteHandler {
  return protocolRoute(
    route(
      { params, query: z.object({ page: z.string().optional() }), body: z.unknown() },
      async ({ request, params, query, body, actor }) => {
        // A page of the container is not a container: it takes no new annotations (Protocol §4.2).
        if (query.page !== undefined) {
          throw new AppError("METHOD_NOT_ALLOWED", "A page of the container takes no POST; POST to the container itself (without ?page).");
        }
        const mediaType = negotiateMediaType(request);
        const courseId = courseOf(params);
        const created = isWebAnnotationBody(body)
          ? await createWebAnnotation({
              actorId: actor.id,
              actorName: actor.name,
              readingId: params.id,
              courseId,
              draft: readWebAnnotationBody(body),
            })
          : await createAnnotation({
              actorId: actor.id,
              actorName: actor.name,
              input: { ...scholiaInput(body, courseId), readingId: params.id },
            });
        const annotation = await presentWebAnnotation(created, publicOrigin());
        return protocolResponse(request, annotation, {
          kind: "annotation",
          mediaType,
          status: 201,
          extraHeaders: { Location: annotation.id, "Content-Location": annotation.id },
        });
      },
    ),
  );
}

function scholiaInput(body: unknown, containerCourseId: string | null) {
  const input = validateBody(body, createAnnotationEndpoint.body);
  if (containerCourseId === null) return input;
  if (input.courseId !== null && input.courseId !== containerCourseId) {
    throw new AppError("VALIDATION", "courseId differs from this container’s course (…/courses/<id>/annotations/).", {
      fieldErrors: { courseId: ["courseId differs from this container’s course."] },
    });
  }
  return { ...input, courseId: containerCourseId };
}

const options = route({ auth: "none" }, ({ request }) => Promise.resolve(protocolOptions(request, "container")));

/** The route handlers of a container: the reader's own notes ("own") or a course's ("course"). */
export function annotationContainerRoutes(context: "own" | "course") {
  const params = context === "own" ? ownParams : courseParams;
  const read = readHandler(params);
  return { GET: read, HEAD: read, OPTIONS: options, POST: createHandler(params) };
}
