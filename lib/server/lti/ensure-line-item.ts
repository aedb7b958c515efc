import "server-only";
import { z } from "zod";
import { AGS_SCOPE, lineItemFor, lineItemMaximum, lineItemSchema, MEDIA_TYPE } from "../../domain/lti-advantage.ts";
import { getDb } from "../db.ts";
import { callPlatformService } from "./call-platform-service.ts";
import type { CourseGradebook } from "./find-course-gradebook.ts";
import { LtiServiceError } from "./lti-service-error.ts";

const SCOPES = [AGS_SCOPE.lineItem, AGS_SCOPE.score];

/**
 * The LMS line item (gradebook column) of an assignment (AGS 2.0 §3.2): the one stored, else the
 * one the LMS already has with the assignment's id as resourceId (made before, e.g. by another
 * Scholia instance), else a new one. Its scoreMaximum is brought to the assignment's maximum
 * first when the rubric's points changed (§3.2.7), so the scores that follow are out of it.
 * Stored so the next scores go straight to it.
 */
export async function ensureLineItem({
  gradebook,
  assignment,
  scoreMaximum,
}: {
  gradebook: CourseGradebook;
  assignment: { id: string; title: string };
  scoreMaximum: number;
}): Promise<string> {
  const db = getDb();
  const stored = await db.ltiLineItem.findUnique({
    where: { assignmentId: assignment.id },
    select: { lineItemUrl: true, platformId: true, scoreMaximum: true },
  });
  if (stored && stored.platformId === gradebook.platform.id) {
    if (lineItemMaximum(stored.scoreMaximum) === lineItemMaximum(scoreMaximum)) return stored.lineItemUrl;
    await updateLineItemMaximum(gradebook, stored.lineItemUrl, scoreMaximum);
    await db.ltiLineItem.update({ where: { assignmentId: assignment.id }, data: { scoreMaximum } });
    return stored.lineItemUrl;
  }

  const listUrl = new URL(gradebook.lineItemsUrl);
  listUrl.searchParams.set("resource_id", assignment.id);
  const listed = await callPlatformService(gradebook.platform, SCOPES, listUrl.toString(), { accept: MEDIA_TYPE.lineItemContainer });
  const existing = z
    .array(lineItemSchema.loose())
    .catch([])
    .parse(await listed.json().catch(() => []))
    .find((item) => item.resourceId === assignment.id);
  let lineItemUrl = existing?.id;
  if (existing && existing.scoreMaximum !== lineItemMaximum(scoreMaximum)) {
    await updateLineItemMaximum(gradebook, existing.id, scoreMaximum);
  }
  if (!lineItemUrl) {
    const created = await callPlatformService(gradebook.platform, SCOPES, gradebook.lineItemsUrl, {
      method: "POST",
      accept: MEDIA_TYPE.lineItem,
      contentType: MEDIA_TYPE.lineItem,
      body: lineItemFor({ assignmentId: assignment.id, title: assignment.title, scoreMaximum }),
    });
    const parsed = lineItemSchema.loose().safeParse(await created.json().catch(() => null));
    if (!parsed.success) throw new LtiServiceError("The LMS made the gradebook column but did not say its URL.", false);
    lineItemUrl = parsed.data.id;
  }
  await db.ltiLineItem.upsert({
    where: { assignmentId: assignment.id },
    create: { assignmentId: assignment.id, platformId: gradebook.platform.id, lineItemUrl, scoreMaximum },
    update: { platformId: gradebook.platform.id, lineItemUrl, scoreMaximum },
  });
  return lineItemUrl;
}

/**
 * AGS 2.0 §3.2.7: the line item is read and put back whole with the new scoreMaximum, keeping
 * what the LMS or an instructor set on it (label, dates, resource link).
 */
async function updateLineItemMaximum(gradebook: CourseGradebook, lineItemUrl: string, scoreMaximum: number): Promise<void> {
  const current = lineItemSchema
    .loose()
    .safeParse(
      await (await callPlatformService(gradebook.platform, SCOPES, lineItemUrl, { accept: MEDIA_TYPE.lineItem })).json().catch(() => null),
    );
  if (!current.success) throw new LtiServiceError("The LMS did not show the assignment's gradebook column to update its maximum.");
  await callPlatformService(gradebook.platform, SCOPES, lineItemUrl, {
    method: "PUT",
    accept: MEDIA_TYPE.lineItem,
    contentType: MEDIA_TYPE.lineItem,
    body: { ...current.data, id: lineItemUrl, scoreMaximum: lineItemMaximum(scoreMaximum) },
  });
}
