import { z } from "zod";
import { isWebAnnotationBody } from "@/lib/domain/web-annotation-input";
import { updateAnnotationInputSchema } from "@/lib/server/annotations/annotation-input";
import { annotationIdFrom } from "@/lib/server/annotations/annotation-route";
import { assertAnnotationUnchanged } from "@/lib/server/annotations/assert-annotation-unchanged";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { findReadableAnnotationRow } from "@/lib/server/annotations/find-readable-annotation";
import { presentAnnotation } from "@/lib/server/annotations/present-annotation";
import { isTokenRequest, negotiateMediaType, protocolHeaders, protocolResponse } from "@/lib/server/annotations/protocol-http";
import { readWebAnnotationBody } from "@/lib/server/annotations/read-web-annotation-body";
import { replaceWebAnnotation } from "@/lib/server/annotations/replace-web-annotation";
import { publicOrigin, toWebAnnotation } from "@/lib/server/annotations/to-web-annotation";
import { updateAnnotation } from "@/lib/server/annotations/update-annotation";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse, parseJsonBody, validateBody } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";

// One annotation (Web Annotation Protocol §5). Writes honour If-Match (412 when stale); a
// client with a personal API token must send it on PUT and DELETE (428 otherwise), since a
// program is the client most likely to overwrite a change it has not seen. The reading page
// (session) may omit it: its PATCH sends only the fields the person changed.

type RouteContext = { params: Promise<{ id: string }> };

async function read(request: Request, { params }: RouteContext) {
  try {
    const mediaType = negotiateMediaType(request);
    const actor = await loadActorContext((await requireApiActor()).id);
    const row = await findReadableAnnotationRow(actor, await annotationIdFrom(params));
    return protocolResponse(request, toWebAnnotation(presentAnnotation(actor, row), publicOrigin(request)), {
      kind: "annotation",
      mediaType,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export { read as GET, read as HEAD };

export function OPTIONS() {
  return new Response(null, { status: 204, headers: protocolHeaders("annotation") });
}

/** PUT: a W3C annotation replacing this one (or Scholia's update shape); PATCH: Scholia's update shape. */
async function write(request: Request, { params }: RouteContext) {
  try {
    const mediaType = negotiateMediaType(request);
    const actor = await requireApiActor();
    const annotationId = await annotationIdFrom(params);
    const origin = publicOrigin(request);
    const raw = await parseJsonBody(request, z.unknown());
    await assertAnnotationUnchanged({
      actor: await loadActorContext(actor.id),
      annotationId,
      ifMatch: request.headers.get("if-match"),
      origin,
      isRequired: request.method === "PUT" && isTokenRequest(request),
    });
    const updated =
      request.method === "PUT" && isWebAnnotationBody(raw)
        ? await replaceWebAnnotation({ actorId: actor.id, annotationId, draft: readWebAnnotationBody(raw) })
        : await updateAnnotation({ actorId: actor.id, annotationId, input: validateBody(raw, updateAnnotationInputSchema) });
    return protocolResponse(request, toWebAnnotation(updated, origin), { kind: "annotation", mediaType });
  } catch (error) {
    return errorResponse(error);
  }
}

export { write as PATCH, write as PUT };

export async function DELETE(request: Request, { params }: RouteContext) {
  try {
    const actor = await requireApiActor();
    const annotationId = await annotationIdFrom(params);
    await assertAnnotationUnchanged({
      actor: await loadActorContext(actor.id),
      annotationId,
      ifMatch: request.headers.get("if-match"),
      origin: publicOrigin(request),
      isRequired: isTokenRequest(request),
    });
    await deleteAnnotation({ actorId: actor.id, annotationId });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
