import "server-only";
import { AGS_SCOPE, MAX_SCORE_ATTEMPTS, MEDIA_TYPE, retryDelayMs, scoreFor, scoresUrlOf } from "../../domain/lti-advantage.ts";
import { getDb } from "../db.ts";
import { callPlatformService } from "./call-platform-service.ts";
import { ensureLineItem } from "./ensure-line-item.ts";
import { findCourseGradebook } from "./find-course-gradebook.ts";
import { LtiServiceError } from "./lti-service-error.ts";

// The sender of the grade passback outbox: takes due rows (held for two minutes, so instances
// never send one row twice at once and a crashed sender's rows come back), makes sure each
// assignment has its line item, posts each score (AGS 2.0 §3.4), and records the outcome. A
// failure is retried with backoff (lib/domain/lti-advantage.ts) and marked failed, with the LMS's
// words, after MAX_SCORE_ATTEMPTS or when the LMS refuses the request as such.

const HOLD_MS = 2 * 60_000;

export async function sendDueScores({ limit = 100, assignmentId }: { limit?: number; assignmentId?: string } = {}): Promise<{
  sent: number;
  failed: number;
}> {
  const db = getDb();
  const now = new Date();
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "LtiScoreDelivery" SET "lockedUntil" = ${new Date(now.getTime() + HOLD_MS)}
    WHERE id IN (
      SELECT id FROM "LtiScoreDelivery"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
        AND (${assignmentId ?? null}::text IS NULL OR "assignmentId" = ${assignmentId ?? null})
      ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (claimed.length === 0) return { sent: 0, failed: 0 };
  const rows = await db.ltiScoreDelivery.findMany({
    where: { id: { in: claimed.map((row) => row.id) } },
    select: {
      id: true,
      userId: true,
      scoreGiven: true,
      scoreMaximum: true,
      attempts: true,
      updatedAt: true,
      assignment: { select: { id: true, title: true, courseId: true } },
    },
  });
  const byAssignment = new Map<string, typeof rows>();
  for (const row of rows) byAssignment.set(row.assignment.id, [...(byAssignment.get(row.assignment.id) ?? []), row]);
  let sent = 0;
  let failed = 0;
  for (const group of byAssignment.values()) {
    const assignment = group[0]!.assignment;
    let target: { lineItemUrl: string; gradebook: NonNullable<Awaited<ReturnType<typeof findCourseGradebook>>> };
    try {
      const gradebook = await findCourseGradebook(assignment.courseId);
      if (!gradebook) throw new LtiServiceError("The course is no longer linked to an LMS gradebook.", false);
      // The maximum of the newest queued score: the rubric's now (an older row still due keeps its
      // own maximum in its score, which the LMS scales).
      const newest = group.reduce((latest, row) => (row.updatedAt > latest.updatedAt ? row : latest));
      const lineItemUrl = await ensureLineItem({ gradebook, assignment, scoreMaximum: newest.scoreMaximum });
      target = { lineItemUrl, gradebook };
    } catch (error) {
      for (const row of group) failed += (await recordFailure(row, error)) ? 1 : 0;
      continue;
    }
    const subjects = new Map(
      (
        await db.ltiAccount.findMany({
          where: { platformId: target.gradebook.platform.id, userId: { in: group.map((row) => row.userId) } },
          select: { userId: true, subject: true },
        })
      ).map((account) => [account.userId, account.subject]),
    );
    for (const row of group) {
      try {
        const subject = subjects.get(row.userId);
        if (!subject) throw new LtiServiceError("This student has no account in the LMS this course is linked to.", false);
        await callPlatformService(target.gradebook.platform, [AGS_SCOPE.lineItem, AGS_SCOPE.score], scoresUrlOf(target.lineItemUrl), {
          method: "POST",
          accept: "application/json",
          contentType: MEDIA_TYPE.score,
          body: scoreFor({ userId: subject, scoreGiven: row.scoreGiven, scoreMaximum: row.scoreMaximum, at: new Date() }),
        });
        // Only if the score is still the one sent: a grade changed meanwhile stays due.
        await db.ltiScoreDelivery.updateMany({
          where: { id: row.id, scoreGiven: row.scoreGiven, scoreMaximum: row.scoreMaximum },
          data: {
            status: "SENT",
            sentAt: new Date(),
            sentScore: row.scoreGiven,
            attempts: row.attempts + 1,
            lastError: null,
            lockedUntil: null,
          },
        });
        sent += 1;
      } catch (error) {
        failed += (await recordFailure(row, error)) ? 1 : 0;
      }
    }
  }
  return { sent, failed };
}

/** Records a failed attempt; true when the row is now failed for good (no more automatic retries). */
async function recordFailure(row: { id: string; attempts: number }, error: unknown): Promise<boolean> {
  if (!(error instanceof LtiServiceError)) console.error("[lti] Sending a score failed:", error);
  const message = error instanceof Error ? error.message : String(error);
  const attempts = row.attempts + 1;
  const isFinal = attempts >= MAX_SCORE_ATTEMPTS || (error instanceof LtiServiceError && !error.isRetryable);
  await getDb().ltiScoreDelivery.update({
    where: { id: row.id },
    data: {
      attempts,
      lastError: message.slice(0, 500),
      lockedUntil: null,
      status: isFinal ? "FAILED" : "PENDING",
      nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
    },
  });
  return isFinal;
}
