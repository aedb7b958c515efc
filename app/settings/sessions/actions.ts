"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { runFormAction } from "@/lib/server/form-action";
import { endAllMySessions } from "@/lib/server/sessions/end-all-my-sessions";
import { endMyOtherSessions } from "@/lib/server/sessions/end-my-other-sessions";
import { endMySession } from "@/lib/server/sessions/end-my-session";

const endSessionSchema = z.object({ id: z.uuid({ error: "Session not found: it may have ended already." }) });

export async function endSessionAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, endSessionSchema, async ({ id }, actor) => {
    await endMySession({ actorId: actor.id, sessionId: id });
    if (id === actor.sessionId) return { redirectTo: "/sign-in" };
    revalidatePath("/settings/sessions");
    return "Session ended.";
  });
}

export async function endOtherSessionsAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({}), async (_input, actor) => {
    const ended = await endMyOtherSessions({ actorId: actor.id, currentSessionId: actor.sessionId });
    revalidatePath("/settings/sessions");
    return ended === 1 ? "1 other session ended." : `${ended} other sessions ended.`;
  });
}

export async function endAllSessionsAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({}), async (_input, actor) => {
    await endAllMySessions({ actorId: actor.id });
    return { redirectTo: "/sign-in?notice=signed-out-everywhere" };
  });
}
