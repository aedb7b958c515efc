import "server-only";
import { z } from "zod";
import { annotationPath } from "../../domain/annotation-container-address.ts";
import { updateAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { idSchema } from "../../domain/ids.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { isWebAnnotationBody } from "../../domain/web-annotation-input.ts";
import { AppError } from "../app-error.ts";
import { validateBody } from "../http.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { publicOrigin } from "../public-origin.ts";
import { route, type RouteHandler } from "../route.ts";
import { assertAnnotationUnchanged } from "./assert-annotation-unchanged.ts";
import { deleteAnnotation } from "./delete-annotation.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import { presentAnnotation, type AnnotationRow } from "./present-annotation.ts";
import { presentWebAnnotation } from "./present-web-annotation.ts";
import { isTokenRequest, negotiateMediaType, protocolOptions, protocolResponse, protocolRoute } from "./protocol-http.ts";
import { readWebAnnotationBody } from "./read-web-annotation-body.ts";
import { replaceWebAnnotation } from "./replace-web-annotation.ts";
import { updateAnnotation } from "./update-annotation.ts";

// One annotation (Web Annotation Protocol §5), served at its IRI under its container:
// `/api/readings/<id>/annotations/<annotation>` (own notes) and
// `/api/readings/<id>/courses/<course>/annotations/<annotation>` (a course). An annotation asked
// for under another container than its own is not found there, the same 404 as one the reader
// cannot see. The older `/api/annotations/<id>` redirects reads (308) to the IRI and stays an
// alias for writes (the reading page PATCHes and DELETEs there).
//
// Writes honour If-Match (412 when stale); a client with a personal API token must send it on
// PUT and DELETE (428 otherwise), since a program is the client most likely to overwrite a
// change it has not seen. The reading page (session) may omit it: its PATCH sends only the
// fields the person changed.

const annotationId = idSchema("Annotation not found.");
const readingId = idSchema("Annotation not found.");

/** Where an annotation was asked for: its id, and the container its address names (null: the older address names none). */
type Located = { annotationId: string; container: { readingId: string; courseId: string | null } | null };
type LocatedSchema = z.ZodType<Located>;

const ownParams: LocatedSchema = z
  .object({ id: readingId, annotationId })
  .transform((params) => ({ annotationId: params.annotationId, container: { readingId: params.id, courseId: null } }));
const courseParams: LocatedSchema = z
  .object({ id: readingId, courseId: idSchema("Annotation not found."), annotationId })
  .transform((params) => ({ annotationId: params.annotationId, container: { readingId: params.id, courseId: params.courseId } }));
const legacyParams: LocatedSchema = z.object({ id: annotationId }).transform(({ id }) => ({ annotationId: id, container: null }));

/** The annotation at this address, if the actor may see it there; NOT_FOUND otherwise (not readable, or another container's). */
async function loadAnnotationAt(actor: ActorContext, at: Located): Promise<AnnotationRow> {
  const row = await loadReadableAnnotationRow(actor, at.annotationId);
  if (at.container !== null && (row.readingId !== at.container.readingId || row.courseId !== at.container.courseId)) {
    throw new AppError("NOT_FOUND", "Annotation not found.");
  }
  return row;
}

function readHandler(params: LocatedSchema): RouteHandler {
  return protocolRoute(
    route({ params }, async ({ request, params, actor }) => {
      const mediaType = negotiateMediaType(request);
      const actorContext = await loadActorContext(actor.id);
      const row = await loadAnnotationAt(actorContext, params);
      // A deleted post kept as a placeholder for its replies is no longer an annotation (Protocol §5.4).
      if (row.deletedAt) throw new AppError("GONE", "This annotation was deleted.");
      const annotation = await presentWebAnnotation(presentAnnotation(actorContext, row), publicOrigin());
      return protocolResponse(request, annotation, { kind: "annotation", mediaType, extraHeaders: { "Content-Location": annotation.id } });
    }),
  );
}

/** A write's preconditions: the annotation is at this address (when it names a container), and If-Match. */
async function assertWritable(request: Request, actorId: string, at: Located, isRequired: boolean): Promise<void> {
  const actor = await loadActorContext(actorId);
  if (at.container !== null) await loadAnnotationAt(actor, at);
  await assertAnnotationUnchanged({
    actor,
    annotationId: at.annotationId,
    ifMatch: request.headers.get("if-match"),
    origin: publicOrigin(),
    isRequired,
  });
}

/**
 * PUT: a W3C annotation replacing this one (or Scholia's update shape); PATCH: Scholia's update
 * shape (lib/api/annotations.ts updateAnnotation). The body is read raw and checked after
 * If-Match, so a stale write is a 412 whatever it carries.
 */
function writeHandler(params: LocatedSchema): RouteHandler {
  return protocolRoute(
    route({ params, body: z.unknown() }, async ({ request, params, body, actor }) => {
      const mediaType = negotiateMediaType(request);
      await assertWritable(request, actor.id, params, request.method === "PUT" && isTokenRequest(request));
      const { annotationId } = params;
      const updated =
        request.method === "PUT" && isWebAnnotationBody(body)
          ? await replaceWebAnnotation({ actorId: actor.id, annotationId, draft: readWebAnnotationBody(body) })
          : await updateAnnotation({ actorId: actor.id, annotationId, input: validateBody(body, updateAnnotationInputSchema) });
      return protocolResponse(request, await presentWebAnnotation(updated, publicOrigin()), { kind: "annotation", mediaType });
    }),
  );
}

function deleteHandler(params: LocatedSchema): RouteHandler {
  return protocolRoute(
    route({ params }, async ({ request, params, actor }) => {
      await assertWritable(request, actor.id, params, isTokenRequest(request));
      await deleteAnnotation({ actorId: actor.id, annotationId: params.annotationId });
      return new Response(null, { status: 204 });
    }),
  );
}

const options = route({ auth: "none" }, ({ request }) => Promise.resolve(protocolOptions(request, "annotation")));

/** The route handlers of an annotation at its IRI, under the own-notes ("own") or a course's container. */
export function annotationRoutes(context: "own" | "course") {
  const params = context === "own" ? ownParams : courseParams;
  const read = readHandler(params);
  const write = writeHandler(params);
  return { GET: read, HEAD: read, OPTIONS: options, PUT: write, PATCH: write, DELETE: deleteHandler(params) };
}

/**
 * The older `/api/annotations/<id>`: GET and HEAD are a 308 to the annotation's IRI (for whoever
 * may see it; a 404 otherwise, as there), writes are an alias of the IRI's.
 */
export function legacyAnnotationRoutes() {
  const read = protocolRoute(
    route({ params: legacyParams }, async ({ params, actor }) => {
      const row = await loadReadableAnnotationRow(await loadActorContext(actor.id), params.annotationId);
      const location = `${publicOrigin()}${annotationPath(row, row.id)}`;
      return new Response(null, { status: 308, headers: { Location: location, "Cache-Control": "private, no-store" } });
    }),
  );
  const write = writeHandler(legacyParams);
  return { GET: read, HEAD: read, OPTIONS: options, PUT: write, PATCH: write, DELETE: deleteHandler(legacyParams) };
}
