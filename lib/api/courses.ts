import { z } from "zod";
import { idSchema } from "../domain/ids.ts";
import type { Role } from "../server/generated/prisma/enums.ts";
import { endpoint } from "./endpoint.ts";

export const courseParams = z.object({ id: idSchema("Course not found.") });

/** Member names, for @mentions. */
export const listCourseMembers = endpoint<{ members: { id: string; name: string; role: Role }[] }>()({
  method: "GET",
  path: "/api/courses/:id/members",
  params: courseParams,
});
