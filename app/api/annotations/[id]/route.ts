import { z } from "zod";
import { updateAnnotationInputSchema } from "@/lib/domain/annotation-input";
import { idSchema } from "@/lib/domain/ids";
import { isWebAnnotationBody } from "@/lib/domain/web-annotation-input";
import { assertAnnotationUnchanged } from "@/lib/server/annotations/assert-annotation-unchanged";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { loadReadableAnnotationRow } from "@/lib/server/annotations/load-readable-annotation";
import { presentAnnotation } from "@/lib/server/annotations/present-annotation";
import { presentWebAnnotation } from "@/lib/server/annotations/present-web-annotation";
import { isTokenRequest, negotiateMediaType, protocolHeaders, protocolResponse } from "@/lib/server/annotations/protocol-http";
import { readWebAnnotationBody } from "@/lib/server/annotations/read-web-annotation-body";
import { replaceWebAnnotation } from "@/lib/server/annotations/replace-web-annotation";
import { updateAnnotation } from "@/lib/server/annotations/update-annotation";
import { validateBody } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { publicOrigin } from "@/lib/server/public-origin";
import { route } from "@/lib/server/route";

// One annotation (Web Annotation Protocol §5). Writes honour If-Match (412 when stale); a
// client with a personal API token must send it on PUT and DELETE (428 otherwise), since a
// program is the client most likely to overwrite a change it has not seen. The reading page
// (session) may omit it: its PATCH sends only the fields the person changed.

const params = z.object({ id: idSchema("Annotation not found.") });

const read = route({ params }, async ({ request, params, actor }) => {
  const mediaType = negotiateMediaType(request);
  const actorContext = await loadActorContext(actor.id);
  const row = await loadReadableAnnotationRow(actorContext, params.id);
  return protocolResponse(request, await presentWebAnnotation(presentAnnotation(actorContext, row), publicOrigin()), {
    kind: "annotation",
    mediaType,
  });
});

export { read as GET, read as HEAD };

export const OPTIONS = route({ auth: "none" }, () =>
  Promise.resolve(new Response(null, { status: 204, headers: protocolHeaders("annotation") })),
);

/**
 * PUT: a W3C annotation replacing this one (or Scholia's update shape); PATCH: Scholia's update
 * shape (lib/api/annotations.ts updateAnnotation). The body is read raw and checked after
 * If-Match, so a stale write is a 412 whatever it carries.
 */
const write = route({ params, body: z.unknown() }, async ({ request, params, body, actor }) => {
  const mediaType = negotiateMediaType(request);
  const origin = publicOrigin();
  await assertAnnotationUnchanged({
    actor: await loadActorContext(actor.id),
    annotationId: params.id,
    ifMatch: request.headers.get("if-match"),
    origin,
    isRequired: request.method === "PUT" && isTokenRequest(request),
  });
  const updated =
    request.method === "PUT" && isWebAnnotationBody(body)
      ? await replaceWebAnnotation({ actorId: actor.id, annotationId: params.id, draft: readWebAnnotationBody(body) })
      : await updateAnnotation({ actorId: actor.id, annotationId: params.id, input: validateBody(body, updateAnnotationInputSchema) });
  return protocolResponse(request, await presentWebAnnotation(updated, origin), { kind: "annotation", mediaType });
});

export { write as PATCH, write as PUT };

export const DELETE = route({ params }, async ({ request, params, actor }) => {
  await assertAnnotationUnchanged({
    actor: await loadActorContext(actor.id),
    annotationId: params.id,
    ifMatch: request.headers.get("if-match"),
    origin: publicOrigin(),
    isRequired: isTokenRequest(request),
  });
  await deleteAnnotation({ actorId: actor.id, annotationId: params.id });
  return new Response(null, { status: 204 });
});
