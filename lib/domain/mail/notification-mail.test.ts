import { describe, expect, it } from "vitest";
import { renderMail } from "./mail-markup.ts";
import { notificationMail, type NotificationMailInput } from "./notification-mail.ts";

const input = (overrides: Partial<NotificationMailInput> = {}): NotificationMailInput => ({
  type: "REPLY",
  actorName: "Ben Ames",
  readingTitle: "Statement on Information Security",
  courseTitle: "Policy 101",
  postUrl: "https://scholia.example/readings/r1?course=c1#p-3",
  excerpt: { kind: "text", text: "I think the second clause matters most." },
  links: { settingsUrl: "https://scholia.example/settings/notifications", unsubscribeUrl: "https://scholia.example/unsubscribe?token=t" },
  ...overrides,
});

describe("notificationMail", () => {
  it("[MAIL] says who did what where, quotes the post, and links to it, to the settings and to unsubscribe", () => {
    const rendered = renderMail(notificationMail(input()));
    expect(rendered.subject).toBe("Ben Ames replied to your post on “Statement on Information Security”");
    for (const line of [
      "Ben Ames replied to your post on “Statement on Information Security” in Policy 101.",
      "> I think the second clause matters most.",
      "Open the discussion: https://scholia.example/readings/r1?course=c1#p-3",
      "Email settings: https://scholia.example/settings/notifications",
      "Unsubscribe from these emails: https://scholia.example/unsubscribe?token=t",
      "“Replies to my posts” is set to “Instantly”",
    ])
      expect(rendered.text).toContain(line);
  });

  it("[POST FIRST] a locked post is announced with the way to unlock it and without its text", () => {
    const rendered = renderMail(notificationMail(input({ type: "MENTION", excerpt: { kind: "locked" } })));
    expect(rendered.subject).toBe("Ben Ames mentioned you on “Statement on Information Security”");
    expect(rendered.text).toContain("post on that paragraph to read the discussion");
    expect(rendered.text).not.toContain("second clause");
  });

  it("[VISIBILITY] a hidden post is announced as hidden, without its text", () => {
    const rendered = renderMail(notificationMail(input({ excerpt: { kind: "hidden" } })));
    expect(rendered.text).toContain("An instructor has hidden this post.");
    expect(rendered.html).not.toContain("second clause");
  });
});
