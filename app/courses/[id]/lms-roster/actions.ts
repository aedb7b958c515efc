"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { syncLtiRoster } from "@/lib/server/lti/sync-lti-roster";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "Sync roster from the LMS" (NRPS). */
export async function syncLtiRosterAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({ courseId: idSchema("Invalid reference.") }), async ({ courseId }, actor) => {
    const result = await syncLtiRoster({ actorId: actor.id, courseId });
    revalidatePath(`/courses/${courseId}`);
    revalidatePath(`/courses/${courseId}/lms-roster`);
    const members = `Roster synced: ${plural(result.members, "member", "members")} in the LMS; ${result.added} added, ${result.changed} with a new role, ${result.removed} removed.`;
    if (!result.groups) return members;
    if (result.groups.error) return `${members} LMS groups were not synced: ${result.groups.error}`;
    return `${members} ${plural(result.groups.synced, "LMS group", "LMS groups")} synced${result.groups.warnings.length > 0 ? ` (${plural(result.groups.warnings.length, "note", "notes")} below)` : ""}.`;
  });
}
