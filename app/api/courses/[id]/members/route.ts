import { listCourseMembers as listCourseMembersEndpoint } from "@/lib/api/courses";
import { listCourseMembers } from "@/lib/server/courses/list-course-members";
import { route } from "@/lib/server/route";

export const GET = route(listCourseMembersEndpoint, async ({ params, actor }) => ({
  members: await listCourseMembers({ actorId: actor.id, courseId: params.id }),
}));
