import { createCourse, createCourseSchema } from "@/lib/server/courses/create-course";
import { listMyCourses } from "@/lib/server/courses/list-my-courses";
import { jsonResponse, route } from "@/lib/server/route";

export const GET = route({}, async ({ actor }) => ({ courses: await listMyCourses({ actorId: actor.id }) }));

export const POST = route({ body: createCourseSchema }, async ({ body, actor }) => {
  const course = await createCourse({ actorId: actor.id, input: body });
  return jsonResponse(course, { status: 201, headers: { Location: `/api/courses/${course.id}` } });
});
