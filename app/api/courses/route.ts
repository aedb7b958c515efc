import { requireApiActor } from "@/lib/server/auth/get-actor";
import { createCourse, createCourseSchema } from "@/lib/server/courses/create-course";
import { listMyCourses } from "@/lib/server/courses/list-my-courses";
import { errorResponse, parseJsonBody } from "@/lib/server/http";

export async function GET() {
  try {
    const actor = await requireApiActor();
    return Response.json({ courses: await listMyCourses({ actorId: actor.id }) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const actor = await requireApiActor();
    const input = await parseJsonBody(request, createCourseSchema);
    const course = await createCourse({ actorId: actor.id, input });
    return Response.json(course, { status: 201, headers: { Location: `/api/courses/${course.id}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
