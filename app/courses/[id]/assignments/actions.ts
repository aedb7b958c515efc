"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { assignmentFormFields, assignmentFormSchema } from "@/lib/server/assignments/assignment-input";
import { createAssignment } from "@/lib/server/assignments/create-assignment";
import { deleteAssignment } from "@/lib/server/assignments/delete-assignment";
import { updateAssignment } from "@/lib/server/assignments/update-assignment";
import { runFormAction } from "@/lib/server/form-action";
import { idSchema } from "@/lib/domain/ids";

// parse (zod, with the viewer's zone for dates) → actor → one service, which checks that the
// actor is an instructor of the course. Ids come from hidden fields and are checked for shape only.
const id = idSchema("Invalid reference.");

const createSchema = z
  .object({ courseId: id, readingId: id.or(z.literal("")).refine((value) => value !== "", "Choose a reading.") })
  .and(assignmentFormSchema);
const updateSchema = z.object({ courseId: id, assignmentId: id }).and(assignmentFormSchema);

export async function createAssignmentAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(assignmentFormFields(formData), createSchema, async ({ courseId, readingId, ...input }, actor) => {
    const assignment = await createAssignment({ actorId: actor.id, courseId, readingId, input });
    revalidatePath(`/courses/${courseId}`);
    return { redirectTo: `/courses/${courseId}/assignments/${assignment.id}?created=1` };
  });
}

export async function updateAssignmentAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(assignmentFormFields(formData), updateSchema, async ({ courseId, assignmentId, ...input }, actor) => {
    await updateAssignment({ actorId: actor.id, courseId, assignmentId, input });
    revalidatePath(`/courses/${courseId}`);
    revalidatePath(`/courses/${courseId}/assignments/${assignmentId}`);
    return "Changes saved. Students keep every post they made.";
  });
}

export async function deleteAssignmentAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({ courseId: id, assignmentId: id }), async ({ courseId, assignmentId }, actor) => {
    await deleteAssignment({ actorId: actor.id, courseId, assignmentId });
    revalidatePath(`/courses/${courseId}`);
    return { redirectTo: `/courses/${courseId}?unassigned=1` };
  });
}
