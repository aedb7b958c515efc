import { updateAnnotationInputSchema } from "@/lib/server/annotations/annotation-input";
import { annotationIdFrom } from "@/lib/server/annotations/annotation-route";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { findReadableAnnotationRow } from "@/lib/server/annotations/find-readable-annotation";
import { presentAnnotation } from "@/lib/server/annotations/present-annotation";
import { ANNO_CONTENT_TYPE, publicOrigin, toWebAnnotation } from "@/lib/server/annotations/to-web-annotation";
import { updateAnnotation } from "@/lib/server/annotations/update-annotation";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { errorResponse, parseJsonBody } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";

type RouteContext = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: RouteContext) {
  try {
    const actor = await loadActorContext((await requireApiActor()).id);
    const row = await findReadableAnnotationRow(actor, await annotationIdFrom(params));
    return Response.json(toWebAnnotation(presentAnnotation(actor, row), publicOrigin(request)), {
      headers: { "Content-Type": ANNO_CONTENT_TYPE, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

async function update(request: Request, { params }: RouteContext) {
  try {
    const actor = await requireApiActor();
    const input = await parseJsonBody(request, updateAnnotationInputSchema);
    const updated = await updateAnnotation({ actorId: actor.id, annotationId: await annotationIdFrom(params), input });
    return Response.json(toWebAnnotation(updated, publicOrigin(request)), { headers: { "Content-Type": ANNO_CONTENT_TYPE } });
  } catch (error) {
    return errorResponse(error);
  }
}

export { update as PATCH, update as PUT };

export async function DELETE(_request: Request, { params }: RouteContext) {
  try {
    const actor = await requireApiActor();
    await deleteAnnotation({ actorId: actor.id, annotationId: await annotationIdFrom(params) });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
