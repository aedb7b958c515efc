import { courseParams } from "@/lib/api/courses";
import { findCourseForActor } from "@/lib/server/courses/find-course-for-actor";
import { route } from "@/lib/server/route";

export const GET = route({ params: courseParams }, ({ params, actor }) => findCourseForActor({ actorId: actor.id, courseId: params.id }));
