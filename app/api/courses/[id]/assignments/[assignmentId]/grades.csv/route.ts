import { z } from "zod";
import { CSV_CONTENT_TYPE } from "@/lib/domain/csv";
import { idSchema } from "@/lib/domain/ids";
import { exportGradesCsv } from "@/lib/server/grading/export-grades-csv";
import { route } from "@/lib/server/route";

const params = z.object({ id: idSchema("Assignment not found."), assignmentId: idSchema("Assignment not found.") });

/** The assignment's grade sheet as a CSV download. Instructors and TAs; anyone else gets a 404 (401 when signed out). */
export const GET = route({ params }, async ({ params, actor }) => {
  const { filename, csv } = await exportGradesCsv({ actorId: actor.id, courseId: params.id, assignmentId: params.assignmentId });
  return new Response(csv, {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
