import "server-only";
import { isLatePostRefused } from "../../domain/assignment-progress.ts";
import { describeWriteRefusal, findMembership, isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";

/** What decides whether a post in an assignment is still taken. */
export type PostingRules = { title: string; dueAt: Date | null; acceptsLatePosts: boolean };

/**
 * The write path's check before a new post or an edit: nothing is posted in an archived course
 * (nor by a former member), and a student's post (not a highlight) in an assignment whose due
 * date has passed is refused when the assignment does not accept late posts — and so is an edit
 * of one, or a placeholder posted in time could be filled in after the deadline. Every way of
 * posting and editing (highlight, paragraph post, comment, reply, the Web Annotation API) goes
 * through here.
 */
export async function requireOpenForPosts(
  actor: ActorContext,
  context: { courseId: string | null; assignmentId: string | null; assignment?: PostingRules },
  { kind, action = "post", now = new Date() }: { kind: "HIGHLIGHT" | "POST"; action?: "post" | "edit"; now?: Date },
): Promise<void> {
  const refusal = describeWriteRefusal(actor, context.courseId);
  if (refusal) throw new AppError("FORBIDDEN", refusal);
  // A highlight is not a post: it is never late.
  if (context.assignmentId === null || kind === "HIGHLIGHT") return;
  const membership = findMembership(actor, context.courseId);
  const assignment =
    context.assignment ??
    (await getDb().assignment.findUnique({
      where: { id: context.assignmentId },
      select: { title: true, dueAt: true, acceptsLatePosts: true },
    }));
  if (!assignment) return;
  const isStaff = membership !== undefined && isStaffRole(membership.role);
  if (isLatePostRefused({ dueAt: assignment.dueAt, acceptsLatePosts: assignment.acceptsLatePosts, isStaff, now })) {
    throw new AppError(
      "FORBIDDEN",
      action === "post"
        ? `“${assignment.title}” is past its due date and does not accept late posts, so this was not posted. What you wrote is still here to copy.`
        : `“${assignment.title}” is past its due date and does not accept late posts, so this post can no longer be changed. Your changes are still here to copy.`,
    );
  }
}
