import { z } from "zod";
import { joinCourse } from "@/lib/server/courses/join-course";
import { jsonResponse, route } from "@/lib/server/route";

const joinBodySchema = z.object({ code: z.string({ error: "code is required." }).trim().min(1, "code is required.").max(64) });

export const POST = route({ body: joinBodySchema }, async ({ body, actor }) => {
  const result = await joinCourse({ actorId: actor.id, code: body.code });
  return jsonResponse(result, { status: result.wasAlreadyMember ? 200 : 201, headers: { Location: `/api/courses/${result.courseId}` } });
});
