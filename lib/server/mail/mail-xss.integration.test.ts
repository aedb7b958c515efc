import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { findDangerousMarkup, XSS_CORPUS } from "../../../e2e/fixtures/xss-corpus.ts";
import { digestMail } from "../../domain/mail/digest-mail.ts";
import { renderMail, type RenderedMail } from "../../domain/mail/mail-markup.ts";
import { notificationMail } from "../../domain/mail/notification-mail.ts";
import { dueReminderMail } from "../../domain/mail/reminder-mail.ts";
import { unansweredDigestMail } from "../../domain/mail/unanswered-mail.ts";

// The XSS corpus through every email template, in every place user text reaches an email (a
// person's name, a reading's, course's or assignment's title, a post's text): the HTML part has
// only the template's own elements, no on* attribute, no script, image or frame, links only to
// the public origin, and the text reads back as written. Pure code; in the integration project
// for happy-dom and the corpus beside the e2e specs.

const window = new Window({
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
});
const ORIGIN = "https://scholia.example";
const TEMPLATE_TAGS = new Set([
  "html",
  "head",
  "meta",
  "title",
  "body",
  "div",
  "p",
  "h1",
  "h2",
  "blockquote",
  "a",
  "ul",
  "li",
  "br",
  "span",
  "hr",
]);
const links = { settingsUrl: `${ORIGIN}/settings/notifications`, unsubscribeUrl: `${ORIGIN}/unsubscribe?token=t` };

function inspect(rendered: RenderedMail): { problems: string[]; text: string } {
  const document = new window.DOMParser().parseFromString(rendered.html, "text/html");
  const problems = findDangerousMarkup(document as unknown as ParentNode, "page");
  for (const element of Array.from(document.querySelectorAll("*"))) {
    const tag = element.tagName.toLowerCase();
    if (!TEMPLATE_TAGS.has(tag)) problems.push(`<${tag}> element`);
    const href = element.getAttribute("href");
    if (href !== null && !href.startsWith(`${ORIGIN}/`)) problems.push(`link to ${href.slice(0, 60)}`);
    if (element.hasAttribute("src")) problems.push(`src on <${tag}>`);
  }
  if (/[\r\n]/.test(rendered.subject)) problems.push("line break in the subject");
  return { problems, text: document.body?.textContent ?? "" };
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

describe("emails and the XSS corpus", () => {
  it(`[XSS] ${XSS_CORPUS.length} payloads as names, titles and post text: every template's HTML part stays the template's, and the text reads back`, () => {
    for (const { id, payload } of XSS_CORPUS) {
      const post = { kind: "text" as const, text: payload };
      const mails: [string, RenderedMail][] = [
        [
          "notification",
          renderMail(
            notificationMail({
              type: "REPLY",
              actorName: payload,
              readingTitle: payload,
              courseTitle: payload,
              postUrl: `${ORIGIN}/readings/r1?course=c1#p-1`,
              excerpt: post,
              links,
            }),
          ),
        ],
        [
          "digest",
          renderMail(
            digestMail({
              date: "2027-03-14",
              timeZone: "Europe/Paris",
              items: [
                {
                  type: "MENTION",
                  actorName: payload,
                  readingTitle: payload,
                  courseTitle: payload,
                  postUrl: `${ORIGIN}/readings/r1#p-2`,
                  createdAt: new Date("2027-03-14T10:00:00Z"),
                  excerpt: post,
                },
              ],
              links,
            }),
          ),
        ],
        [
          "reminder",
          renderMail(
            dueReminderMail({
              assignmentTitle: payload,
              courseTitle: payload,
              readingTitle: payload,
              dueAt: new Date("2027-03-14T10:00:00Z"),
              timeZone: "UTC",
              posts: 0,
              required: 2,
              readingUrl: `${ORIGIN}/readings/r1?course=c1`,
              links,
            }),
          ),
        ],
        [
          "unanswered",
          renderMail(
            unansweredDigestMail({
              date: "2027-03-14",
              assignments: [
                {
                  assignmentTitle: payload,
                  courseTitle: payload,
                  total: 6,
                  insightsUrl: `${ORIGIN}/courses/c1/assignments/a1/insights`,
                  questions: [{ authorName: payload, paragraphPosition: 3, excerpt: payload, url: `${ORIGIN}/readings/r1?course=c1#p-3` }],
                },
              ],
              links,
            }),
          ),
        ],
      ];
      for (const [template, rendered] of mails) {
        const { problems, text } = inspect(rendered);
        expect(problems, `${id} in the ${template} email`).toEqual([]);
        // What was written is shown as text (control and bidi characters dropped, spaces folded).
        // Strips control characters on purpose, as the mail renderer does.
        // eslint-disable-next-line no-control-regex
        const visible = normalise(payload.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, ""));
        if (visible.length > 0 && visible.length <= 120) expect(normalise(text), `${id} in the ${template} email`).toContain(visible);
      }
    }
  });
});
