"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { customCriterionInputSchema, parseRubricForm } from "@/lib/domain/rubric";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { saveRubric } from "@/lib/server/grading/save-rubric";
import { addCustomCriterion } from "@/lib/server/grading/add-custom-criterion";
import { updateCustomCriterion } from "@/lib/server/grading/update-custom-criterion";
import { moveCustomCriterion } from "@/lib/server/grading/move-custom-criterion";
import { removeCustomCriterion } from "@/lib/server/grading/remove-custom-criterion";
import { idSchema } from "@/lib/domain/ids";

export type RubricFormState = FormState & { values: Record<string, string> | null };

const id = idSchema("Invalid reference.");

// The rubric's fields become zod issues on their own names ("MIN_WORDS.points"), so the form
// shows each message beside its input.
const rubricFormSchema = z.looseObject({ courseId: id, assignmentId: id }).transform((entries, context) => {
  const parsed = parseRubricForm(entries);
  if (!parsed.ok) {
    for (const [field, messages] of Object.entries(parsed.fieldErrors)) {
      for (const message of messages) context.addIssue({ code: "custom", path: [field], message });
    }
    return z.NEVER;
  }
  return { courseId: entries.courseId, assignmentId: entries.assignmentId, criteria: parsed.criteria };
});

/** parse → actor → saveRubric (which checks the actor is staff). What was typed comes back with the state, so nothing is lost. */
export async function saveRubricAction(_state: RubricFormState, formData: FormData): Promise<RubricFormState> {
  const values = Object.fromEntries(
    [...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string" && !entry[0].startsWith("$")),
  );
  const state = await runFormAction(formData, rubricFormSchema, async ({ courseId, assignmentId, criteria }, actor) => {
    await saveRubric({ actorId: actor.id, courseId, assignmentId, criteria });
    revalidatePath(`/courses/${courseId}/assignments/${assignmentId}`, "layout");
    return criteria.length === 0
      ? "Rubric saved: no criteria, so every computed score is 0."
      : `Rubric saved with ${criteria.length} ${criteria.length === 1 ? "criterion" : "criteria"}.`;
  });
  return {
    ...state,
    message:
      state.status === "error" && Object.keys(state.fieldErrors).length > 0 ? "Please correct the fields marked below." : state.message,
    values,
  };
}

// An instructor's own criteria: add, edit, move, remove. Each parses → actor → one service, which
// checks the actor may assess the course and the criterion belongs to the assignment.
const target = { courseId: id, assignmentId: id };

function revalidateGrading(courseId: string, assignmentId: string): void {
  revalidatePath(`/courses/${courseId}/assignments/${assignmentId}`, "layout");
}

export async function addCustomCriterionAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, customCriterionInputSchema.extend(target), async ({ courseId, assignmentId, ...input }, actor) => {
    await addCustomCriterion({ actorId: actor.id, courseId, assignmentId, input });
    revalidateGrading(courseId, assignmentId);
    return `Criterion “${input.name}” added.`;
  });
}

export async function updateCustomCriterionAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    formData,
    customCriterionInputSchema.extend({ ...target, criterionId: id }),
    async ({ courseId, assignmentId, criterionId, ...input }, actor) => {
      await updateCustomCriterion({ actorId: actor.id, courseId, assignmentId, criterionId, input });
      revalidateGrading(courseId, assignmentId);
      return `Criterion “${input.name}” saved.`;
    },
  );
}

export async function moveCustomCriterionAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    formData,
    z.object({ ...target, criterionId: id, direction: z.enum(["up", "down"], { error: "Choose up or down." }) }),
    async ({ courseId, assignmentId, criterionId, direction }, actor) => {
      const moved = await moveCustomCriterion({ actorId: actor.id, courseId, assignmentId, criterionId, direction });
      revalidateGrading(courseId, assignmentId);
      return `“${moved.name}” is now ${moved.position} of ${moved.count}.`;
    },
  );
}

export async function removeCustomCriterionAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({ ...target, criterionId: id }), async ({ courseId, assignmentId, criterionId }, actor) => {
    const removed = await removeCustomCriterion({ actorId: actor.id, courseId, assignmentId, criterionId });
    revalidateGrading(courseId, assignmentId);
    return `Criterion “${removed.name}” removed.`;
  });
}
