import { assignmentNotFound } from "@/lib/server/assignments/load-assignment-for-staff";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { exportGradesCsv } from "@/lib/server/grading/export-grades-csv";
import { errorResponse } from "@/lib/server/http";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The assignment's grade sheet as a CSV download. Instructors and TAs; anyone else gets a 404 (401 when signed out). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; assignmentId: string }> }) {
  try {
    const actor = await requireApiActor();
    const { id, assignmentId } = await params;
    if (!ID.test(id) || !ID.test(assignmentId)) throw assignmentNotFound();
    const { filename, csv } = await exportGradesCsv({ actorId: actor.id, courseId: id, assignmentId });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
