import { legacyAnnotationRoutes } from "@/lib/server/annotations/annotation-routes";

// The older address of an annotation: GET and HEAD redirect (308) to its IRI under its container,
// writes are an alias of the IRI's (lib/server/annotations/annotation-routes.ts).
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = legacyAnnotationRoutes();
