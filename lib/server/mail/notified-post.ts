import "server-only";
import { notificationPath, type NotificationExcerpt } from "../../domain/notification-content.ts";
import { readRuleColumns } from "../permissions/read-rule-columns.ts";
import type { MailSettings } from "./mail-settings.ts";

// What a notification email (alone or in a digest) reads of the post it is about: enough for the
// permission core to decide what the recipient may see of it now, and for the link to it.

export const notifiedPostSelect = {
  id: true,
  ...readRuleColumns,
  bodyText: true,
  readingId: true,
  reading: { select: { title: true } },
  paragraph: { select: { position: true } },
  course: { select: { title: true } },
} as const;

type NotifiedPost = {
  id: string;
  readingId: string;
  courseId: string | null;
  reading: { title: string };
  paragraph: { position: number };
  course: { title: string } | null;
};

/**
 * The post's reading, course and absolute link, as every notification email names them: the
 * post's own link, or its paragraph's while the post sits behind a post-first gate.
 */
export function describeNotifiedPost(settings: MailSettings, post: NotifiedPost, excerpt: Pick<NotificationExcerpt, "kind">) {
  return {
    readingTitle: post.reading.title,
    courseTitle: post.course?.title ?? null,
    postUrl: `${settings.origin}${notificationPath({ ...post, paragraphPosition: post.paragraph.position }, excerpt)}`,
  };
}
