"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { clearGradeOverride } from "@/lib/server/grading/clear-grade-override";
import { gradeOverrideInputSchema } from "@/lib/server/grading/grade-input";
import { setGradeOverride } from "@/lib/server/grading/set-grade-override";
import { saveManualScores } from "@/lib/server/grading/save-manual-scores";
import { idSchema } from "@/lib/domain/ids";

// parse (zod) → actor → one service, which checks that the actor is staff of the course and the
// student is assigned. Ids come from hidden fields and are trusted for their shape only.
const id = idSchema("Invalid reference.");
const target = { courseId: id, assignmentId: id, studentId: id };

function revalidate(courseId: string, assignmentId: string): void {
  revalidatePath(`/courses/${courseId}/assignments/${assignmentId}/grades`);
  revalidatePath(`/courses/${courseId}/assignments/${assignmentId}/my-grade`);
}

export async function setGradeOverrideAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    formData,
    gradeOverrideInputSchema.extend(target),
    async ({ courseId, assignmentId, studentId, score, comment }, actor) => {
      await setGradeOverride({ actorId: actor.id, courseId, assignmentId, studentId, input: { score, comment } });
      revalidate(courseId, assignmentId);
      return `Score set to ${score}.`;
    },
  );
}

export async function clearGradeOverrideAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object(target), async ({ courseId, assignmentId, studentId }, actor) => {
    await clearGradeOverride({ actorId: actor.id, courseId, assignmentId, studentId });
    revalidate(courseId, assignmentId);
    return "Override cleared: the computed score stands.";
  });
}

/** The hand scores of one student on the custom criteria: fields `score.<criterionId>` and `comment.<criterionId>`, checked by the service against the criteria as stored. */
export async function saveManualScoresAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.looseObject(target), async ({ courseId, assignmentId, studentId, ...entries }, actor) => {
    const saved = await saveManualScores({ actorId: actor.id, courseId, assignmentId, studentId, entries });
    revalidate(courseId, assignmentId);
    if (saved.graded === 0 && saved.cleared === 0) return "Nothing changed.";
    return [
      saved.graded > 0 ? `${saved.graded} ${saved.graded === 1 ? "score" : "scores"} saved` : null,
      saved.cleared > 0 ? `${saved.cleared} cleared (not graded yet)` : null,
    ]
      .filter(Boolean)
      .join(", ")
      .concat(".");
  });
}
