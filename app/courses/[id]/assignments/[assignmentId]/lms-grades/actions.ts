"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { queueAssignmentScores } from "@/lib/server/lti/queue-assignment-scores";
import { sendDueScores } from "@/lib/server/lti/send-due-scores";

const id = idSchema("Invalid reference.");

/** "Send grades to the LMS": queue every score the LMS does not have yet, then send them now. */
export async function sendGradesToLmsAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({ courseId: id, assignmentId: id }), async ({ courseId, assignmentId }, actor) => {
    const queued = await queueAssignmentScores({ actorId: actor.id, courseId, assignmentId, mode: "send" });
    const { sent, failed } = await sendDueScores({ assignmentId, limit: 500 });
    revalidatePath(`/courses/${courseId}/assignments/${assignmentId}/lms-grades`);
    if (queued.queued === 0) return "Every grade is already in the LMS gradebook.";
    const waiting = queued.queued - sent - failed;
    return [
      `${sent} ${sent === 1 ? "grade" : "grades"} sent to the LMS.`,
      waiting > 0 ? `${waiting} will be tried again shortly.` : "",
      failed > 0 ? `${failed} failed: see the reasons below.` : "",
    ]
      .filter(Boolean)
      .join(" ");
  });
}
