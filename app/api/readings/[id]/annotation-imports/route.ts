import { importAnnotations as importAnnotationsEndpoint } from "@/lib/api/annotations";
import { MAX_IMPORT_BYTES } from "@/lib/domain/annotation-constants";
import { importAnnotations } from "@/lib/server/annotations/import-annotations";
import { publicOrigin } from "@/lib/server/public-origin";
import { jsonResponse, route } from "@/lib/server/route";

/**
 * Imports a Web Annotation JSON-LD file (an export) into this reading in a context (?course=, or
 * my notes without it) as my posts: 201 with how many were imported and skipped.
 */
export const POST = route({ ...importAnnotationsEndpoint, maxBodyBytes: MAX_IMPORT_BYTES }, async ({ params, query, body, actor }) =>
  jsonResponse(
    await importAnnotations({
      actorId: actor.id,
      readingId: params.id,
      courseId: query.course ?? null,
      document: body,
      origin: publicOrigin(),
    }),
    { status: 201 },
  ),
);
