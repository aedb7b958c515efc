import "server-only";
import { renderMail } from "../../domain/mail/mail-markup.ts";
import { unansweredDigestMail, type UnansweredAssignment } from "../../domain/mail/unanswered-mail.ts";
import { postPath } from "../../domain/post-links.ts";
import { isStaffRole } from "../../domain/permissions.ts";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import { getDb } from "../db.ts";
import { listUnansweredQuestions } from "../insights/list-unanswered-questions.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import type { ComposedMail } from "./composed-mail.ts";
import { loadMailPreferences } from "./load-mail-preferences.ts";
import { listUnsubscribeHeaders, mailLinksFor } from "./mail-links.ts";
import type { MailSettings } from "./mail-settings.ts";

/** Questions listed per assignment; the rest are counted, with a link to the insights page. */
const QUESTIONS_PER_ASSIGNMENT = 5;
/** An assignment past its due date by more than this is no longer in the morning list. */
const RECENTLY_DUE_MS = 7 * 24 * 60 * 60_000;

/**
 * An instructor's or TA's morning list: for each open assignment of the courses they teach
 * (opened, and not due more than a week ago), the assigned students' questions no reply answers
 * yet — the insights page's own query, through the permission scope. Nothing waiting: no email.
 */
export async function composeUnansweredDigestMail(
  settings: MailSettings,
  { recipientId, date }: { recipientId: string; date: string },
  now = new Date(),
): Promise<ComposedMail> {
  const db = getDb();
  const [user, preferences, actor] = await Promise.all([
    db.user.findUnique({ where: { id: recipientId }, select: { email: true } }),
    loadMailPreferences({ userId: recipientId }),
    loadActorContext(recipientId),
  ]);
  if (!user) return { kind: "skip", reason: "The account no longer exists." };
  if (!preferences.unansweredDigest) return { kind: "skip", reason: "The recipient turned this list off." };
  const taught = actor.memberships.filter((membership) => isStaffRole(membership.role)).map((membership) => membership.courseId);
  if (taught.length === 0) return { kind: "skip", reason: "The recipient teaches no course." };
  const assignments = await db.assignment.findMany({
    where: {
      courseId: { in: taught },
      OR: [{ opensAt: null }, { opensAt: { lte: now } }],
      AND: [{ OR: [{ dueAt: null }, { dueAt: { gt: new Date(now.getTime() - RECENTLY_DUE_MS) } }] }],
    },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: {
      id: true,
      title: true,
      courseId: true,
      readingId: true,
      course: { select: { title: true } },
      groups: { select: { groupId: true } },
    },
  });
  const listed: UnansweredAssignment[] = [];
  for (const assignment of assignments) {
    const students = await listAssignedStudents({
      courseId: assignment.courseId,
      groupIds: assignment.groups.map((group) => group.groupId),
    });
    if (students.length === 0) continue;
    const { total, items } = await listUnansweredQuestions({
      actor,
      assignmentId: assignment.id,
      studentIds: students.map((student) => student.id),
    });
    if (total === 0) continue;
    listed.push({
      assignmentTitle: assignment.title,
      courseTitle: assignment.course.title,
      total,
      insightsUrl: `${settings.origin}/courses/${encodeURIComponent(assignment.courseId)}/assignments/${encodeURIComponent(assignment.id)}/insights`,
      questions: items.slice(0, QUESTIONS_PER_ASSIGNMENT).map((question) => ({
        authorName: question.authorName,
        paragraphPosition: question.paragraphPosition,
        excerpt: question.excerpt,
        url: `${settings.origin}${postPath({ id: question.id, readingId: assignment.readingId, courseId: assignment.courseId })}`,
      })),
    });
  }
  if (listed.length === 0) return { kind: "skip", reason: "No question is waiting for an answer." };
  const links = mailLinksFor(settings, recipientId, "unansweredDigest");
  const rendered = renderMail(unansweredDigestMail({ date, assignments: listed, links }));
  return { kind: "send", to: user.email, ...rendered, headers: listUnsubscribeHeaders(links.oneClickUrl) };
}
