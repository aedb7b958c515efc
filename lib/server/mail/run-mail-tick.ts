import "server-only";
import { assessAssignmentProgress } from "../../domain/assignment-progress.ts";
import { dueDigestDates, DIGEST_LOCAL_HOUR, localDateOf, localTimeOf } from "../../domain/mail/digest-schedule.ts";
import { DEFAULT_MAIL_PREFERENCES, frequencyFor, type MailPreferences } from "../../domain/mail/mail-preferences.ts";
import type { NotificationType } from "../../domain/notification-content.ts";
import { DEFAULT_TIME_ZONE } from "../../domain/zoned-time.ts";
import { assignedStudentsWhere } from "../assignments/assignment-rules.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { MailJobData } from "../jobs/job-queue.ts";
import { mailPreferencesSelect } from "./load-mail-preferences.ts";
import { queueMailOnce } from "./queue-mail-once.ts";

// Every few minutes (pg-boss cron, one instance at a time), the emails that are due by the
// clock: yesterday's digests, due-date reminders, the instructors' morning lists. Each is queued
// once (queueMailOnce: its key), so running the tick again or on two instances is harmless. What
// each email says is decided when it is sent.

/** A reminder goes out once the due date is less than this far ahead. */
export const REMINDER_LEAD_MS = 24 * 60 * 60_000;
/** Notifications older than this cannot be in a digest that is still due. */
const DIGEST_LOOKBACK_MS = 4 * 24 * 60 * 60_000;
/** Staff lists: only questions in assignments due at most a week ago (as the list itself). */
const RECENTLY_DUE_MS = 7 * 24 * 60 * 60_000;
const UNANSWERED_LIST_UNTIL_HOUR = 12;

export type MailTickResult = { digests: string[]; reminders: string[]; unanswered: string[] };

export async function runMailTick({ now = new Date() }: { now?: Date } = {}): Promise<MailTickResult> {
  const digests = await queueDueDigests(now);
  const reminders = await queueDueReminders(now);
  const unanswered = await queueUnansweredDigests(now);
  return { digests, reminders, unanswered };
}

async function loadPreferences(userIds: readonly string[]): Promise<Map<string, MailPreferences>> {
  const rows = await getDb().mailPreference.findMany({
    where: { userId: { in: [...userIds] } },
    select: { userId: true, ...mailPreferencesSelect },
  });
  return new Map(rows.map(({ userId, ...preferences }) => [userId, preferences]));
}

/**
 * Digests: the people with notifications of the last days, the quarter hours they came in (every
 * zone's offset is a whole number of quarter hours, so a quarter hour falls on one local date),
 * and per person the local dates due now that hold one of their "daily" kinds.
 */
async function queueDueDigests(now: Date): Promise<string[]> {
  const db = getDb();
  const rows = await db.$queryRaw<{ userId: string; type: NotificationType; quarter: Date }[]>`
    SELECT "userId", "type"::text AS "type", to_timestamp(floor(extract(epoch FROM "createdAt") / 900) * 900) AS "quarter"
    FROM "Notification"
    WHERE "createdAt" >= ${new Date(now.getTime() - DIGEST_LOOKBACK_MS)}
    GROUP BY 1, 2, 3`;
  if (rows.length === 0) return [];
  const preferences = await loadPreferences([...new Set(rows.map((row) => row.userId))]);
  const wanted = new Map<string, Set<string>>();
  for (const row of rows) {
    const mine = preferences.get(row.userId) ?? DEFAULT_MAIL_PREFERENCES;
    if (frequencyFor(mine, row.type) !== "DAILY") continue;
    const dates = wanted.get(row.userId) ?? new Set<string>();
    dates.add(localDateOf(new Date(row.quarter), mine.timeZone ?? DEFAULT_TIME_ZONE));
    wanted.set(row.userId, dates);
  }
  const jobs: MailJobData[] = [];
  for (const [userId, dates] of wanted) {
    const zone = preferences.get(userId)?.timeZone ?? DEFAULT_TIME_ZONE;
    for (const date of dueDigestDates(now, zone)) {
      if (dates.has(date)) jobs.push({ kind: "digest", recipientId: userId, date });
    }
  }
  return db.$transaction((tx) => queueMailOnce(tx, jobs));
}

/**
 * Reminders: assignments due within a day and open, their assigned students with their posts
 * (one aggregate per assignment), those below the minimum by the dashboard's rule, reminders on.
 */
async function queueDueReminders(now: Date): Promise<string[]> {
  const db = getDb();
  const assignments = await db.assignment.findMany({
    where: {
      dueAt: { gt: now, lte: new Date(now.getTime() + REMINDER_LEAD_MS) },
      OR: [{ opensAt: null }, { opensAt: { lte: now } }],
    },
    select: { id: true, courseId: true, opensAt: true, dueAt: true, minPosts: true, groups: { select: { groupId: true } } },
  });
  const jobs: MailJobData[] = [];
  for (const assignment of assignments) {
    const students = await db.membership.findMany({
      where: assignedStudentsWhere(
        assignment.courseId,
        assignment.groups.map((group) => group.groupId),
      ),
      select: { userId: true },
    });
    if (students.length === 0) continue;
    const studentIds = students.map((student) => student.userId);
    const counts = await db.$queryRaw<{ authorId: string; posts: number; postsOnTime: number }[]>(Prisma.sql`
      SELECT a."authorId", count(*)::int AS "posts", count(*) FILTER (WHERE a."createdAt" <= ${assignment.dueAt})::int AS "postsOnTime"
      FROM "Annotation" a
      WHERE a."assignmentId" = ${assignment.id} AND a."authorId" = ANY(${studentIds})
        AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL AND a."kind" <> 'HIGHLIGHT'
      GROUP BY a."authorId"`);
    const byStudent = new Map(counts.map((row) => [row.authorId, row]));
    const preferences = await loadPreferences(studentIds);
    for (const studentId of studentIds) {
      if (!(preferences.get(studentId) ?? DEFAULT_MAIL_PREFERENCES).dueReminders) continue;
      const { posts = 0, postsOnTime = 0 } = byStudent.get(studentId) ?? {};
      if (assessAssignmentProgress({ ...assignment, posts, postsOnTime, now }).status === "COMPLETE") continue;
      jobs.push({ kind: "due-reminder", recipientId: studentId, assignmentId: assignment.id, dueAt: assignment.dueAt!.toISOString() });
    }
  }
  return db.$transaction((tx) => queueMailOnce(tx, jobs));
}

/**
 * Staff morning lists: instructors and TAs of courses with an open assignment that has an open
 * question (the email itself checks which are unanswered), once the morning has come in their
 * zone, once per local date.
 */
async function queueUnansweredDigests(now: Date): Promise<string[]> {
  const db = getDb();
  const staff = await db.$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT m."userId"
    FROM "Membership" m
    JOIN "Assignment" s ON s."courseId" = m."courseId"
    WHERE m."role" IN ('INSTRUCTOR', 'TA')
      AND (s."opensAt" IS NULL OR s."opensAt" <= ${now})
      AND (s."dueAt" IS NULL OR s."dueAt" > ${new Date(now.getTime() - RECENTLY_DUE_MS)})
      AND EXISTS (
        SELECT 1 FROM "Annotation" q
        WHERE q."assignmentId" = s."id" AND q."isQuestion" AND q."parentId" IS NULL AND q."deletedAt" IS NULL AND q."hiddenAt" IS NULL
      )`;
  if (staff.length === 0) return [];
  const preferences = await loadPreferences(staff.map((row) => row.userId));
  const jobs: MailJobData[] = [];
  for (const { userId } of staff) {
    const mine = preferences.get(userId) ?? DEFAULT_MAIL_PREFERENCES;
    if (!mine.unansweredDigest) continue;
    const zone = mine.timeZone ?? DEFAULT_TIME_ZONE;
    // A morning list, from 7:00 to noon local time: a list is of the moment, a missed morning is not sent in the evening.
    const hour = Number(localTimeOf(now, zone).slice(0, 2));
    if (hour < DIGEST_LOCAL_HOUR || hour >= UNANSWERED_LIST_UNTIL_HOUR) continue;
    jobs.push({ kind: "unanswered-digest", recipientId: userId, date: localDateOf(now, zone) });
  }
  return db.$transaction((tx) => queueMailOnce(tx, jobs));
}
