import { annotationContainerRoutes } from "@/lib/server/annotations/annotation-container-routes";

// A reading in a course: a Web Annotation Protocol container at
// /api/readings/:id/courses/:courseId/annotations/ (lib/server/annotations/annotation-container-routes.ts).
export const { GET, HEAD, OPTIONS, POST } = annotationContainerRoutes("course");
