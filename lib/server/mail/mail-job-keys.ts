import "server-only";
import type { MailJobData } from "../jobs/job-queue.ts";

export type MailKind = "NOTIFICATION" | "DIGEST" | "DUE_REMINDER" | "UNANSWERED_DIGEST" | "ACCOUNT";

/** The one email a job may produce: its key (at most one email per key) and what it is. */
export function describeMailJob(data: MailJobData): { key: string; kind: MailKind; recipientId: string; notificationId: string | null } {
  switch (data.kind) {
    case "notification":
      return {
        key: `notification:${data.notificationId}`,
        kind: "NOTIFICATION",
        recipientId: data.recipientId,
        notificationId: data.notificationId,
      };
    case "digest":
      return { key: `digest:${data.recipientId}:${data.date}`, kind: "DIGEST", recipientId: data.recipientId, notificationId: null };
    case "due-reminder":
      return {
        key: `reminder:${data.assignmentId}:${data.recipientId}:${data.dueAt}`,
        kind: "DUE_REMINDER",
        recipientId: data.recipientId,
        notificationId: null,
      };
    case "unanswered-digest":
      return {
        key: `unanswered:${data.recipientId}:${data.date}`,
        kind: "UNANSWERED_DIGEST",
        recipientId: data.recipientId,
        notificationId: null,
      };
    case "account":
      return { key: `account:${data.requestId}`, kind: "ACCOUNT", recipientId: data.recipientId, notificationId: null };
  }
}
