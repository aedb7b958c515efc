import { describeLocalDate } from "./digest-schedule.ts";
import { excerptOf, type MailBlock, type MailMessage } from "./mail-markup.ts";
import { preferenceFooter, type MailLinks } from "./notification-mail.ts";

export type UnansweredAssignment = {
  assignmentTitle: string;
  courseTitle: string;
  total: number;
  insightsUrl: string;
  questions: { authorName: string; paragraphPosition: number; excerpt: string; url: string }[];
};

/** Instructors' and TAs' morning list: per assignment, the questions no reply answers yet. */
export function unansweredDigestMail({
  date,
  assignments,
  links,
}: {
  date: string;
  assignments: readonly UnansweredAssignment[];
  links: MailLinks;
}): MailMessage {
  const total = assignments.reduce((sum, assignment) => sum + assignment.total, 0);
  const count = total === 1 ? "1 unanswered question" : `${total} unanswered questions`;
  const blocks: MailBlock[] = [{ type: "paragraph", text: `${count} in your courses this morning (${describeLocalDate(date)}).` }];
  for (const assignment of assignments) {
    blocks.push({ type: "heading", text: `${assignment.assignmentTitle} — ${assignment.courseTitle} (${assignment.total})` });
    blocks.push({
      type: "list",
      items: assignment.questions.map((question) => ({
        text: `${question.authorName}, paragraph ${question.paragraphPosition}`,
        url: question.url,
        detail: excerptOf(question.excerpt, 200),
      })),
    });
    if (assignment.total > assignment.questions.length) {
      blocks.push({
        type: "button",
        link: { label: `All ${assignment.total} in the assignment's insights`, url: assignment.insightsUrl },
      });
    }
  }
  return {
    subject: `${count} waiting for an answer`,
    preview: assignments.map((assignment) => assignment.assignmentTitle).join(", "),
    heading: `${count} waiting for an answer`,
    blocks,
    footer: preferenceFooter(
      "You get this list because “Unanswered questions” is on in your email settings.",
      links,
      "Unsubscribe from this daily list",
    ),
  };
}
