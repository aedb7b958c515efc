import { courseParams } from "@/lib/api/courses";
import { loadCourseForActor } from "@/lib/server/courses/load-course-for-actor";
import { route } from "@/lib/server/route";

export const GET = route({ params: courseParams }, ({ params, actor }) => loadCourseForActor({ actorId: actor.id, courseId: params.id }));
