import { annotationContainerRoutes } from "@/lib/server/annotations/annotation-container-routes";

// The reader's own notes on a reading: a Web Annotation Protocol container at
// /api/readings/:id/annotations/ (lib/server/annotations/annotation-container-routes.ts).
export const { GET, HEAD, OPTIONS, POST } = annotationContainerRoutes("own");
