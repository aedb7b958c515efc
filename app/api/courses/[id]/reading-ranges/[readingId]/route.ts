import { readRangeOptions } from "@/lib/api/assignments";
import { loadRangeOptions } from "@/lib/server/assignments/load-range-options";
import { route } from "@/lib/server/route";

export const GET = route(readRangeOptions, async ({ params, actor }) =>
  loadRangeOptions({ actorId: actor.id, courseId: params.id, readingId: params.readingId }),
);
