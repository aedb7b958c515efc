import { courseNotFound } from "@/lib/server/app-error";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { listCourseMembers } from "@/lib/server/courses/list-course-members";
import { errorResponse } from "@/lib/server/http";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw courseNotFound();
    return Response.json({ members: await listCourseMembers({ actorId: actor.id, courseId: id }) });
  } catch (error) {
    return errorResponse(error);
  }
}
