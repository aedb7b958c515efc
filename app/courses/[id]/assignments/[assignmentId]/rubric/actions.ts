"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseRubricForm } from "@/lib/domain/rubric";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { saveRubric } from "@/lib/server/grading/save-rubric";
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
