import { annotationRoutes } from "@/lib/server/annotations/annotation-routes";

// An annotation in a course, at its IRI under the container
// /api/readings/:id/courses/:courseId/annotations/ (lib/server/annotations/annotation-routes.ts).
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = annotationRoutes("course");
