"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { createCourse, createCourseSchema } from "@/lib/server/courses/create-course";
import { joinCourse } from "@/lib/server/courses/join-course";
import { runFormAction } from "@/lib/server/form-action";

export async function createCourseAction(_state: FormState, formData: FormData): Promise<FormState> {
  let courseId: string | undefined;
  const state = await runFormAction(formData, createCourseSchema, async (input, actor) => {
    courseId = (await createCourse({ actorId: actor.id, input })).id;
    return "Course created.";
  });
  if (courseId) redirect(`/courses/${courseId}`);
  return state;
}

const joinSchema = z.object({
  code: z.string({ error: "Enter the join code." }).trim().min(1, "Enter the join code.").max(64, "That is not a join code."),
});

export async function joinCourseAction(_state: FormState, formData: FormData): Promise<FormState> {
  let courseId: string | undefined;
  const state = await runFormAction(formData, joinSchema, async ({ code }, actor) => {
    courseId = (await joinCourse({ actorId: actor.id, code })).courseId;
    return "Joined.";
  });
  if (courseId) redirect(`/courses/${courseId}`);
  return state;
}
