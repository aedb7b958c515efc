"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { idSchema } from "@/lib/domain/ids";

const schema = z.object({
  id: idSchema().optional(),
});

export async function markReadAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, schema, async ({ id }, actor) => {
    const count = await markNotificationsRead({ actorId: actor.id, notificationIds: id ? [id] : undefined });
    revalidatePath("/notifications");
    revalidatePath("/", "layout");
    return count === 1 ? "Marked as read." : `${count} marked as read.`;
  });
}
