"use server";

import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { createCourse, createCourseSchema } from "@/lib/server/courses/create-course";
import { joinCourse } from "@/lib/server/courses/join-course";
import { runFormAction } from "@/lib/server/form-action";

export async function createCourseAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, createCourseSchema, async (input, actor) => {
    const course = await createCourse({ actorId: actor.id, input });
    return { redirectTo: `/courses/${course.id}` };
  });
}

const joinSchema = z.object({
  code: z.string({ error: "Enter the join code." }).trim().min(1, "Enter the join code.").max(64, "That is not a join code."),
});

export async function joinCourseAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, joinSchema, async ({ code }, actor) => {
    const { courseId } = await joinCourse({ actorId: actor.id, code });
    return { redirectTo: `/courses/${courseId}` };
  });
}
