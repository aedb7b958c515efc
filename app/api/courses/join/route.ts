import { z } from "zod";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { joinCourse } from "@/lib/server/courses/join-course";
import { errorResponse, parseJsonBody } from "@/lib/server/http";

const joinBodySchema = z.object({ code: z.string({ error: "code is required." }).trim().min(1, "code is required.").max(64) });

export async function POST(request: Request) {
  try {
    const actor = await requireApiActor();
    const { code } = await parseJsonBody(request, joinBodySchema);
    const result = await joinCourse({ actorId: actor.id, code });
    return Response.json(result, { status: result.wasAlreadyMember ? 200 : 201, headers: { Location: `/api/courses/${result.courseId}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
