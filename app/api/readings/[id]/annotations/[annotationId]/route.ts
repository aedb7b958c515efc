import { annotationRoutes } from "@/lib/server/annotations/annotation-routes";

// An annotation in the reader's own notes, at its IRI under the container
// /api/readings/:id/annotations/ (lib/server/annotations/annotation-routes.ts).
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = annotationRoutes("own");
