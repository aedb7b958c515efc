"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { changeMemberRole } from "@/lib/server/courses/change-member-role";
import { createGroup } from "@/lib/server/courses/create-group";
import { deleteCourse } from "@/lib/server/courses/delete-course";
import { deleteGroup } from "@/lib/server/courses/delete-group";
import { groupNameSchema } from "@/lib/server/courses/group-input";
import { leaveCourse } from "@/lib/server/courses/leave-course";
import { moveMemberToGroup } from "@/lib/server/courses/move-member-to-group";
import { regenerateJoinCode } from "@/lib/server/courses/regenerate-join-code";
import { removeMember } from "@/lib/server/courses/remove-member";
import { renameGroup } from "@/lib/server/courses/rename-group";
import { setCourseArchived } from "@/lib/server/courses/set-course-archived";
import { setJoinEnabled } from "@/lib/server/courses/set-join-enabled";
import { splitIntoGroups } from "@/lib/server/courses/split-into-groups";
import { runFormAction } from "@/lib/server/form-action";
import { idSchema } from "@/lib/domain/ids";

// Every action: parse the form (zod) → actor → one service, which checks the actor's role in the
// course. Ids come from hidden fields and are never trusted beyond their shape.
const id = idSchema("Invalid reference.");
const courseFields = { courseId: id };

function done(courseId: string, message: string): string {
  revalidatePath(`/courses/${courseId}`);
  return message;
}

export async function regenerateJoinCodeAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object(courseFields), async ({ courseId }, actor) => {
    await regenerateJoinCode({ actorId: actor.id, courseId });
    return done(courseId, "A new join code was issued. The old one no longer works.");
  });
}

export async function setJoinEnabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({ ...courseFields, enabled: z.enum(["true", "false"]) });
  return runFormAction(formData, schema, async ({ courseId, enabled }, actor) => {
    await setJoinEnabled({ actorId: actor.id, courseId, isEnabled: enabled === "true" });
    return done(courseId, enabled === "true" ? "Joining is open." : "Joining is closed.");
  });
}

export async function changeMemberRoleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({
    ...courseFields,
    membershipId: id,
    role: z.enum(["INSTRUCTOR", "TA", "STUDENT"], { error: "Choose a role." }),
  });
  return runFormAction(formData, schema, async ({ courseId, membershipId, role }, actor) => {
    await changeMemberRole({ actorId: actor.id, courseId, membershipId, role });
    return done(courseId, "Role updated.");
  });
}

export async function removeMemberAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({ ...courseFields, membershipId: id }), async ({ courseId, membershipId }, actor) => {
    await removeMember({ actorId: actor.id, courseId, membershipId });
    return done(courseId, "Removed from the course.");
  });
}

export async function setCourseArchivedAction(_state: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({ ...courseFields, archived: z.enum(["true", "false"]) });
  return runFormAction(formData, schema, async ({ courseId, archived }, actor) => {
    await setCourseArchived({ actorId: actor.id, courseId, isArchived: archived === "true" });
    revalidatePath("/courses");
    return done(
      courseId,
      archived === "true"
        ? "The course is archived: read-only for everyone, still exportable."
        : "The course is restored: it is open again.",
    );
  });
}

export async function deleteCourseAction(_state: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({ ...courseFields, confirmTitle: z.string().max(500, "That is not the course's title.") });
  return runFormAction(formData, schema, async ({ courseId, confirmTitle }, actor) => {
    await deleteCourse({ actorId: actor.id, courseId, confirmTitle });
    revalidatePath("/courses");
    return { redirectTo: "/courses?deleted=1" };
  });
}

export async function leaveCourseAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object(courseFields), async ({ courseId }, actor) => {
    await leaveCourse({ actorId: actor.id, courseId });
    return { redirectTo: "/courses" };
  });
}

export async function createGroupAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({ ...courseFields, name: groupNameSchema }), async ({ courseId, name }, actor) => {
    await createGroup({ actorId: actor.id, courseId, name });
    return done(courseId, `Group “${name}” created.`);
  });
}

export async function renameGroupAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    formData,
    z.object({ ...courseFields, groupId: id, name: groupNameSchema }),
    async ({ courseId, groupId, name }, actor) => {
      await renameGroup({ actorId: actor.id, courseId, groupId, name });
      return done(courseId, `Renamed to “${name}”.`);
    },
  );
}

export async function deleteGroupAction(_state: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, z.object({ ...courseFields, groupId: id }), async ({ courseId, groupId }, actor) => {
    await deleteGroup({ actorId: actor.id, courseId, groupId });
    return done(courseId, "Group deleted; its members are now without a group.");
  });
}

export async function moveMemberAction(_state: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({ ...courseFields, membershipId: id, groupId: z.union([z.literal(""), id]) });
  return runFormAction(formData, schema, async ({ courseId, membershipId, groupId }, actor) => {
    await moveMemberToGroup({ actorId: actor.id, courseId, membershipId, groupId: groupId === "" ? null : groupId });
    return done(courseId, groupId === "" ? "Removed from the group." : "Moved.");
  });
}

export async function splitIntoGroupsAction(_state: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({
    ...courseFields,
    groupSize: z.coerce
      .number({ error: "Enter a group size." })
      .int("Enter a whole number.")
      .min(1, "At least 1.")
      .max(500, "At most 500."),
  });
  return runFormAction(formData, schema, async ({ courseId, groupSize }, actor) => {
    const { groupCount } = await splitIntoGroups({ actorId: actor.id, courseId, groupSize });
    return done(courseId, `The class is now split into ${groupCount} ${groupCount === 1 ? "group" : "groups"}.`);
  });
}
