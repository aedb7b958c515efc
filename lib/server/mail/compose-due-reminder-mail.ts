import "server-only";
import { assessAssignmentProgress } from "../../domain/assignment-progress.ts";
import { renderMail } from "../../domain/mail/mail-markup.ts";
import { dueReminderMail } from "../../domain/mail/reminder-mail.ts";
import { DEFAULT_TIME_ZONE } from "../../domain/zoned-time.ts";
import { countStudentPosts } from "../assignments/count-student-posts.ts";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import { getDb } from "../db.ts";
import type { ComposedMail } from "./composed-mail.ts";
import { loadMailPreferences } from "./load-mail-preferences.ts";
import { listUnsubscribeHeaders, mailLinksFor } from "./mail-links.ts";
import type { MailSettings } from "./mail-settings.ts";

/**
 * A student's due-date reminder, checked again when it goes out: the assignment still due at the
 * same time and still ahead, the student still assigned to it and still below its minimum (the
 * dashboard's own rule), reminders still on.
 */
export async function composeDueReminderMail(
  settings: MailSettings,
  { recipientId, assignmentId, dueAt }: { recipientId: string; assignmentId: string; dueAt: string },
  now = new Date(),
): Promise<ComposedMail> {
  const db = getDb();
  const [assignment, user, preferences] = await Promise.all([
    db.assignment.findUnique({
      where: { id: assignmentId },
      select: {
        title: true,
        courseId: true,
        readingId: true,
        opensAt: true,
        dueAt: true,
        minPosts: true,
        course: { select: { title: true } },
        reading: { select: { title: true } },
        groups: { select: { groupId: true } },
      },
    }),
    db.user.findUnique({ where: { id: recipientId }, select: { email: true } }),
    loadMailPreferences({ userId: recipientId }),
  ]);
  if (!assignment || !user) return { kind: "skip", reason: "The assignment or the account no longer exists." };
  if (!preferences.dueReminders) return { kind: "skip", reason: "The recipient turned due-date reminders off." };
  if (assignment.dueAt?.toISOString() !== dueAt) return { kind: "skip", reason: "The due date changed since the reminder was queued." };
  if (assignment.dueAt.getTime() <= now.getTime()) return { kind: "skip", reason: "The assignment is already due." };
  const assigned = await listAssignedStudents({
    courseId: assignment.courseId,
    groupIds: assignment.groups.map((group) => group.groupId),
    studentId: recipientId,
  });
  if (assigned.length === 0) return { kind: "skip", reason: "The student is no longer assigned." };
  const counts = (await countStudentPosts(recipientId, [assignmentId])).get(assignmentId) ?? { posts: 0, postsOnTime: 0 };
  const progress = assessAssignmentProgress({ ...assignment, ...counts, now });
  if (progress.status === "COMPLETE") return { kind: "skip", reason: "The student has reached the minimum." };

  const links = mailLinksFor(settings, recipientId, "dueReminders");
  const rendered = renderMail(
    dueReminderMail({
      assignmentTitle: assignment.title,
      courseTitle: assignment.course.title,
      readingTitle: assignment.reading.title,
      dueAt: assignment.dueAt,
      timeZone: preferences.timeZone ?? DEFAULT_TIME_ZONE,
      posts: progress.counted,
      required: progress.required,
      readingUrl: `${settings.origin}/readings/${encodeURIComponent(assignment.readingId)}?course=${encodeURIComponent(assignment.courseId)}`,
      links,
    }),
  );
  return { kind: "send", to: user.email, ...rendered, headers: listUnsubscribeHeaders(links.oneClickUrl) };
}
