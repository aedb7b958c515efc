import "server-only";
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { DEEP_LINKING_CONTENT_ITEMS_CLAIM, DEEP_LINKING_DATA_CLAIM, LTI_CLAIM, readingContentItem } from "../../domain/lti.ts";
import { lineItemFor } from "../../domain/lti-advantage.ts";
import { AppError } from "../app-error.ts";
import { assignableReadingsWhere } from "../assignments/assignment-rules.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import { loadAssignmentGrades } from "../grading/load-assignment-grades.ts";
import { publicOrigin } from "../public-origin.ts";
import { findOpenDeepLinkRequest } from "./load-deep-link-picker.ts";
import { loadToolSigningKey } from "./load-tool-signing-key.ts";

/**
 * The instructor's pick, as the LtiDeepLinkingResponse (LTI Deep Linking 2.0 §4.5) the browser
 * posts back to the LMS: one ltiResourceLink to the reading (an assignment's link carries its
 * line item, so the LMS's gradebook column is the one grades go to), signed with Scholia's
 * current tool key. The request is used up.
 */
export async function answerDeepLink({
  actorId,
  requestId,
  readingId,
  assignmentId,
}: {
  actorId: string;
  requestId: string;
  readingId: string | null;
  assignmentId: string | null;
}): Promise<{ returnUrl: string; jwt: string }> {
  const request = await findOpenDeepLinkRequest({ actorId, requestId });
  await requireCourseRole({ actorId, courseId: request.courseId, permission: "manageAssignments" });
  const db = getDb();
  let item: Record<string, unknown>;
  if (assignmentId) {
    const assignment = await db.assignment.findFirst({
      where: { id: assignmentId, courseId: request.courseId },
      select: { id: true, title: true, readingId: true, reading: { select: { title: true } } },
    });
    if (!assignment)
      throw new AppError("VALIDATION", "Choose one of this course's assignments.", {
        fieldErrors: { assignmentId: ["Choose one of this course's assignments."] },
      });
    const { students } = await loadAssignmentGrades({ actorId, courseId: request.courseId, assignmentId });
    const criteria = await db.rubricCriterion.findMany({ where: { assignmentId }, select: { points: true } });
    const maximum = students[0]?.grade.maxScore ?? criteria.reduce((sum, criterion) => sum + criterion.points, 0);
    item = {
      ...readingContentItem({
        url: `${publicOrigin()}/readings/${assignment.readingId}`,
        title: assignment.title,
        text: assignment.reading.title,
      }),
      lineItem: lineItemFor({ assignmentId, title: assignment.title, scoreMaximum: maximum }),
      custom: { scholia_assignment_id: assignmentId },
    };
  } else {
    if (!readingId) throw new AppError("VALIDATION", "Choose a reading.", { fieldErrors: { readingId: ["Choose a reading."] } });
    const reading = await db.reading.findFirst({
      where: { id: readingId, OR: [assignableReadingsWhere(actorId), { assignments: { some: { courseId: request.courseId } } }] },
      select: { id: true, title: true },
    });
    if (!reading)
      throw new AppError("VALIDATION", "Choose one of the readings listed.", {
        fieldErrors: { readingId: ["Choose one of the readings listed."] },
      });
    item = readingContentItem({ url: `${publicOrigin()}/readings/${reading.id}`, title: reading.title });
  }

  // The key first: a key that cannot be opened (SealedKeyError) leaves the request unanswered.
  const { kid, privateKey } = await loadToolSigningKey();
  const claimed = await db.ltiDeepLinkRequest.updateMany({ where: { id: requestId, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) throw new AppError("GONE", "This link request was already answered. Start again from the LMS.");
  const jwt = await new SignJWT({
    nonce: randomUUID(),
    [LTI_CLAIM.messageType]: "LtiDeepLinkingResponse",
    [LTI_CLAIM.version]: "1.3.0",
    [LTI_CLAIM.deploymentId]: request.deploymentId,
    [DEEP_LINKING_CONTENT_ITEMS_CLAIM]: [item],
    ...(request.data !== null ? { [DEEP_LINKING_DATA_CLAIM]: request.data } : {}),
  })
    .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
    .setIssuer(request.platform.clientId)
    .setAudience(request.platform.issuer)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);
  return { returnUrl: request.returnUrl, jwt };
}
